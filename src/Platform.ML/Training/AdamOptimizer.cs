using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.ML.Training;

/// <summary>
/// Adam, as <c>torch.optim.Adam</c> computes it (L2 weight decay added to the gradient, no AMSGrad), for every trainer
/// here instead of TorchSharp's <c>optim.Adam</c>. TorchSharp's step turns its doubles into <see cref="Scalar"/>s
/// implicitly; such a temporary is unreachable once its handle is passed to libtorch, so a collection on another thread
/// can finalize it while libtorch still reads it: a training run under load failed with "Unknown scalar type" (a freed
/// value read as garbage). Here every <see cref="Scalar"/> lives in a field or a <c>using</c> until its call returned,
/// and no overload is called that makes one itself (<c>add_(Scalar)</c> passes an implicit alpha of 1).
/// </summary>
public sealed class AdamOptimizer : IDisposable
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;

    private readonly Parameter[] parameters;
    private readonly Tensor[] means;
    private readonly Tensor[] squares;
    private readonly double learningRate;
    private readonly Scalar beta1 = Beta1.ToScalar();
    private readonly Scalar rest1 = (1 - Beta1).ToScalar();
    private readonly Scalar beta2 = Beta2.ToScalar();
    private readonly Scalar rest2 = (1 - Beta2).ToScalar();
    private readonly Scalar epsilon = 1e-8.ToScalar();
    private readonly Scalar? weightDecay;
    private long steps;

    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate, double weightDecay = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        this.parameters = [.. parameters];
        this.learningRate = learningRate;
        this.weightDecay = weightDecay > 0 ? weightDecay.ToScalar() : null;
        using var noGrad = no_grad();
        means = [.. this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        squares = [.. this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
    }

    public void ZeroGrad()
    {
        foreach (var parameter in parameters)
        {
            using var grad = parameter.grad;
            grad?.zero_();
        }
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        steps++;
        var correction1 = 1 - Math.Pow(Beta1, steps);
        var correction2 = 1 - Math.Pow(Beta2, steps);
        using var stepSize = (-learningRate / correction1).ToScalar();
        using var root2 = Math.Sqrt(correction2).ToScalar();
        using var noGrad = no_grad();
        for (var i = 0; i < parameters.Length; i++)
        {
            using var grad = parameters[i].grad;
            if (grad is null)
            {
                continue;
            }

            using var decayed = weightDecay is null ? null : grad.add(parameters[i], weightDecay);
            var g = decayed ?? grad;
            means[i].mul_(beta1).add_(g, rest1);
            squares[i].mul_(beta2).addcmul_(g, g, rest2);
            using var denominator = squares[i].sqrt();
            denominator.div_(root2).add_(epsilon, Scalars.One); // add_(Scalar) alone would make its alpha of 1 implicitly
            parameters[i].addcdiv_(means[i], denominator, stepSize);
        }

        GC.KeepAlive(this); // the fields' Scalars, until the last call above returned
    }

    public void Dispose()
    {
        foreach (var tensor in means.Concat(squares))
        {
            tensor.Dispose();
        }

        foreach (var scalar in new[] { beta1, rest1, beta2, rest2, epsilon, weightDecay })
        {
            scalar?.Dispose();
        }
    }
}
