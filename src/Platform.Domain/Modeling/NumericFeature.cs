namespace Platform.Domain.Modeling;

/// <summary>
/// A numeric user feature as learned from training rows: an optional log transform (for skewed counts and amounts),
/// then standardization with the training mean and deviation; a missing value encodes as 0 (the mean) with a
/// missing flag when training rows missed it. A <see cref="Flag"/> (a tag) is 1 when present and 0 when absent, never
/// missing. <see cref="Bins"/> are the training deciles and <see cref="Shares"/> the training rows' share in each of
/// its <see cref="FeatureSlots"/>, for drift checks (null in versions trained before drift checks existed).
/// </summary>
public sealed record NumericFeature(string Name, bool Log, double Mean, double Deviation, bool HasMissing, IReadOnlyList<double> Bins, bool Flag = false, IReadOnlyList<double>? Shares = null)
{
    public double Transform(double value) => Log ? Math.Sign(value) * Math.Log(1 + Math.Abs(value)) : value;

    public float Encode(double value)
    {
        var scaled = (Transform(value) - Mean) / Deviation;
        return (float)Math.Clamp(scaled, -10, 10);
    }
}
