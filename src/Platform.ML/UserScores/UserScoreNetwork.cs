using Platform.ML.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Platform.ML.UserScores;

/// <summary>
/// The user-score network (docs/models.md#user-scores): a trunk turns the user vector into a small representation (what
/// personas cluster), a head reads it, and a linear path from the user vector adds what a logistic regression would
/// learn ("wide and deep"). Three outputs: the 30-day purchase logit, the churn logit, and the standardized log spend given a purchase.
/// </summary>
public sealed class UserScoreNetwork : Module<Tensor, (Tensor Outputs, Tensor Representation)>
{
    public const int RepresentationWidth = 16;

    private readonly Sequential trunk;
    private readonly Linear head;
    private readonly Linear wide;

    public UserScoreNetwork(int inputWidth, int width)
        : base(nameof(UserScoreNetwork))
    {
        trunk = Sequential(Linear(inputWidth, width), ReLU(), Linear(width, RepresentationWidth), ReLU());
        head = Linear(RepresentationWidth, 3);
        wide = Linear(inputWidth, 3);
        RegisterComponents();
    }

    public override (Tensor Outputs, Tensor Representation) forward(Tensor users)
    {
        var representation = trunk.forward(users);
        return (Scalars.Sum(head.forward(representation), wide.forward(users)), representation);
    }

    /// <summary>The network as plain arrays (<see cref="UserScoreArrays"/>).</summary>
    public UserScoreArrays ToArrays()
    {
        using var scope = NewDisposeScope();
        var trunkLayers = trunk.children().OfType<Linear>().ToList();
        return new UserScoreArrays(Dense.Of(trunkLayers[0]), Dense.Of(trunkLayers[1]), Dense.Of(head), Dense.Of(wide));
    }
}
