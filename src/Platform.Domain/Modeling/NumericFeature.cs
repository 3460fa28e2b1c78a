namespace Platform.Domain.Modeling;

/// <summary>
/// A numeric user feature as learned from training rows: an optional log transform (for skewed counts and amounts),
/// then standardization with the training mean and deviation; a missing value encodes as 0 (the mean) with a
/// missing flag when training rows missed it. A <see cref="Flag"/> (a tag) is 1 when present and 0 when absent, never
/// missing. <see cref="Bins"/> are the training deciles and <see cref="Shares"/> the training rows' share in each of
/// its <see cref="FeatureSlots"/>, for drift checks (null in versions trained before drift checks existed).
/// <see cref="Levels"/>: when training saw only a few distinct values (a code such as 1 to 4), each of them also gets a
/// slot of its own, set when the user has that value, so that an effect that is not monotone in the number (code 2 unlike
/// 1 and 3) can be learned; null for other numbers and in versions trained before levels existed.
/// </summary>
public sealed record NumericFeature(string Name, bool Log, double Mean, double Deviation, bool HasMissing, IReadOnlyList<double> Bins, bool Flag = false, IReadOnlyList<double>? Shares = null, IReadOnlyList<double>? Levels = null)
{
    /// <summary>Columns in the user vector: the standardized number, its missing flag, one per level.</summary>
    public int Width => 1 + (HasMissing ? 1 : 0) + (Levels?.Count ?? 0);

    /// <summary>The index of <paramref name="value"/> among <see cref="Levels"/>, or −1 (another value, or no levels).</summary>
    public int LevelOf(double value)
    {
        for (var i = 0; i < (Levels?.Count ?? 0); i++)
        {
            if (Levels![i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    public double Transform(double value) => Log ? Math.Sign(value) * Math.Log(1 + Math.Abs(value)) : value;

    public float Encode(double value)
    {
        var scaled = (Transform(value) - Mean) / Deviation;
        return (float)Math.Clamp(scaled, -10, 10);
    }
}
