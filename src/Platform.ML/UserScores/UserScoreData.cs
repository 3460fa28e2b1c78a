using Platform.Domain.Modeling;
using Platform.Domain.Modeling.UserScores;
using static TorchSharp.torch;

namespace Platform.ML.UserScores;

/// <summary>Users encoded with a feature schema, their outcomes beside, and the same as tensors on a device for training.</summary>
public sealed class UserScoreData(FeatureSchema schema)
{
    private readonly List<float> vectors = [];

    public FeatureSchema Schema { get; } = schema;

    public List<UserOutcome> Outcomes { get; } = [];

    public int Count => Outcomes.Count;

    public void Add(UserScoreRow row)
    {
        var vector = new float[Schema.Width];
        Schema.Encode(row.Features, vector);
        vectors.AddRange(vector);
        Outcomes.Add(row.Outcome);
    }

    /// <summary>The encoded vectors of the given rows, one after another.</summary>
    public float[] Vectors(IReadOnlyList<int> rows)
    {
        var result = new float[rows.Count * Schema.Width];
        for (var i = 0; i < rows.Count; i++)
        {
            vectors.CopyTo(rows[i] * Schema.Width, result, i * Schema.Width, Schema.Width);
        }

        return result;
    }

    /// <param name="scaleRows">The rows whose spend sets the log-spend scale (the training rows); null: all.</param>
    public Tensors ToTensors(Device device, IReadOnlyList<int>? scaleRows = null) => new(this, device, scaleRows);

    /// <summary>
    /// The rows on a device: features, the two classification labels, and the log of spend standardized over purchasers
    /// (NaN for the rest: spend is learned given a purchase).
    /// </summary>
    public sealed class Tensors : IDisposable
    {
        internal Tensors(UserScoreData data, Device device, IReadOnlyList<int>? scaleRows)
        {
            Device = device;
            Features = tensor(data.vectors.ToArray(), [data.Count, data.Schema.Width], device: device);
            Purchased = tensor(data.Outcomes.Select(o => o.Purchased ? 1f : 0f).ToArray(), device: device);
            Churned = tensor(data.Outcomes.Select(o => o.Churned ? 1f : 0f).ToArray(), device: device);
            var logs = (scaleRows ?? Enumerable.Range(0, data.Count).ToList()).Select(r => data.Outcomes[r])
                .Where(o => o.Purchased && o.Spend > 0).Select(o => Math.Log(o.Spend)).ToList();
            var mean = logs.Count > 0 ? logs.Average() : 0;
            Spend = new SpendScale(mean, logs.Count > 1 ? Math.Max(1e-3, Math.Sqrt(logs.Average(v => (v - mean) * (v - mean)))) : 1, 1);
            LogSpend = tensor(data.Outcomes.Select(o => o.Purchased && o.Spend > 0 ? (float)((Math.Log(o.Spend) - Spend.Mean) / Spend.Scale) : float.NaN).ToArray(), device: device);
        }

        public Device Device { get; }

        public Tensor Features { get; }

        public Tensor Purchased { get; }

        public Tensor Churned { get; }

        public Tensor LogSpend { get; }

        public SpendScale Spend { get; }

        /// <summary>The features of the given rows, in a tensor on the device.</summary>
        public Tensor FeaturesOf(IReadOnlyList<int> rows)
        {
            using var index = tensor(rows.Select(r => (long)r).ToArray(), device: Device);
            return Features.index_select(0, index);
        }

        public void Dispose()
        {
            Features.Dispose();
            Purchased.Dispose();
            Churned.Dispose();
            LogSpend.Dispose();
        }
    }
}

/// <summary>
/// How the network's spend output maps to money: it predicts (log spend − <see cref="Mean"/>) / <see cref="Scale"/> given a
/// purchase, and <see cref="Smearing"/> (the mean of exp(residual) on validation purchasers) turns exp of a mean log into a
/// mean spend.
/// </summary>
public sealed record SpendScale(double Mean, double Scale, double Smearing)
{
    public double Money(double standardizedLog) => Math.Exp((standardizedLog * Scale) + Mean) * Smearing;
}
