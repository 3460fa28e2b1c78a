using Platform.Domain.Modeling;
using Platform.Domain.Modeling.UserScores;
using Platform.ML.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML.UserScores;

/// <summary>
/// A trained user-score model: the feature schema it reads, the network, the Platt scalings that calibrate its purchase
/// and churn outputs, how its spend output maps to money, and the persona centroids in its representation space. Its
/// bytes are the version's weights.
/// </summary>
public sealed class UserScoreModel(
    FeatureSchema schema, UserScoreHyperparameters hyperparameters, UserScoreNetwork network, PlattScaling propensity, PlattScaling churn, SpendScale spend,
    float[][] centroids, IReadOnlyList<Persona> personas) : IDisposable
{
    private readonly Lazy<UserScoreArrays> arrays = new(network.ToArrays);

    /// <summary>The network's raw outputs for some users.</summary>
    public sealed record RawOutputs(float[] PurchaseLogit, float[] ChurnLogit, float[] LogSpend, float[][] Representation);

    /// <summary>
    /// Calibrated scores: 30-day purchase propensity, churn risk (no visit at all in 30 days), expected 30-day spend
    /// (propensity × spend given a purchase), and the persona (an index into <see cref="Personas"/>; −1 without personas).
    /// </summary>
    public sealed record Scores(double[] Propensity, double[] Churn, double[] Spend, int[] Persona);

    /// <summary>Users per forward pass (<see cref="TorchRuntime.ChunkRows"/>).</summary>
    public const int ChunkRows = TorchRuntime.ChunkRows;

    public FeatureSchema Schema { get; } = schema;

    public UserScoreHyperparameters Hyperparameters { get; } = hyperparameters;

    public UserScoreNetwork Network { get; } = network;

    public IReadOnlyList<Persona> Personas { get; } = personas;

    /// <summary>Runs the network on encoded users (<paramref name="vectors"/>: rows × schema width, one after another).</summary>
    public RawOutputs Raw(float[] vectors, Device device)
    {
        using var features = tensor(vectors, [vectors.Length / Math.Max(1, Schema.Width), Schema.Width], device: device);
        return Raw(features);
    }

    /// <summary>Runs the network on encoded users already in a tensor [rows × schema width], <see cref="ChunkRows"/> at a time.</summary>
    public RawOutputs Raw(Tensor features)
    {
        var count = (int)features.shape[0];
        var (purchase, churn, spend) = (new float[count], new float[count], new float[count]);
        var representation = new float[count][];
        for (var start = 0; start < count; start += ChunkRows)
        {
            var rows = Math.Min(ChunkRows, count - start);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (outputs, hidden) = Network.forward(features.narrow(0, start, rows));
            var cpu = outputs.cpu();
            cpu[.., 0].contiguous().data<float>().CopyTo(purchase, start);
            cpu[.., 1].contiguous().data<float>().CopyTo(churn, start);
            cpu[.., 2].contiguous().data<float>().CopyTo(spend, start);
            var flat = hidden.cpu().contiguous().data<float>().ToArray();
            for (var i = 0; i < rows; i++)
            {
                representation[start + i] = flat.AsSpan(i * UserScoreNetwork.RepresentationWidth, UserScoreNetwork.RepresentationWidth).ToArray();
            }
        }

        return new RawOutputs(purchase, churn, spend, representation);
    }

    public Scores Score(float[] vectors, Device device)
    {
        using var features = tensor(vectors, [vectors.Length / Math.Max(1, Schema.Width), Schema.Width], device: device);
        return Score(features);
    }

    public Scores Score(Tensor features)
    {
        var raw = Raw(features);
        var p = raw.PurchaseLogit.Select(l => propensity.Probability(l)).ToArray();
        return new Scores(
            p,
            raw.ChurnLogit.Select(l => churn.Probability(l)).ToArray(),
            p.Select((value, i) => value * spend.Money(raw.LogSpend[i])).ToArray(),
            raw.Representation.Select(PersonaOf).ToArray());
    }

    /// <summary>One encoded user's scores, as <see cref="Score(Tensor)"/> computes them, on plain arrays (a live read's one user).</summary>
    public Scores ScoreOne(ReadOnlySpan<float> vector)
    {
        var representation = new float[UserScoreNetwork.RepresentationWidth];
        var (purchase, churnLogit, logSpend) = arrays.Value.Raw(vector, representation);
        var p = propensity.Probability(purchase);
        return new Scores([p], [churn.Probability(churnLogit)], [p * spend.Money(logSpend)], [PersonaOf(representation)]);
    }

    /// <summary>The <paramref name="row"/>th user of <paramref name="scores"/> as the version <paramref name="versionId"/>'s scores at <paramref name="at"/>.</summary>
    public UserScore ToUserScore(Scores scores, int row, Guid versionId, DateTimeOffset at)
    {
        var persona = scores.Persona[row];
        return new UserScore(
            versionId, scores.Propensity[row], scores.Spend[row], scores.Churn[row], persona < 0 ? null : persona, persona < 0 ? null : Personas[persona].Description, at);
    }

    private int PersonaOf(float[] representation) => centroids.Length == 0 ? -1 : KMeans.Closest(centroids, representation);

    public byte[] ToBytes() => ModelBytes.Write(new Header(Schema, Hyperparameters, propensity, churn, spend, centroids, Personas), [Network]);

    /// <summary>Reads a model written by <see cref="ToBytes"/>; bytes that do not fit the network are an error.</summary>
    public static UserScoreModel FromBytes(byte[] bytes, Device device)
    {
        using var reader = new ModelBytes.Reader(bytes);
        var header = reader.Header<Header>();
        var network = new UserScoreNetwork(header.Schema.Width, header.Hyperparameters.Width);
        reader.LoadNext(network);
        network.to(device);
        network.eval();
        return new UserScoreModel(header.Schema, header.Hyperparameters, network, header.Propensity, header.Churn, header.Spend, header.Centroids, header.Personas);
    }

    public void Dispose() => Network.Dispose();

    private sealed record Header(
        FeatureSchema Schema, UserScoreHyperparameters Hyperparameters, PlattScaling Propensity, PlattScaling Churn, SpendScale Spend, float[][] Centroids, IReadOnlyList<Persona> Personas);
}
