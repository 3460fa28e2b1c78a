namespace Platform.Domain.Profiles;

/// <summary>
/// Knobs of profile folding: the half-life and the pre-period of campaign assignments come from the tenant's settings; the
/// high-value threshold is fixed for now.
/// </summary>
public sealed record ProfileSettings(TimeSpan AffinityHalfLife, decimal HighValueMonetary90, int PrePeriodDays = Measurement.PrePeriod.DefaultDays)
{
    public static ProfileSettings Default { get; } = new(TimeSpan.FromDays(14), 500m);

    /// <summary>The defaults with a tenant's affinity half-life.</summary>
    public static ProfileSettings WithHalfLifeDays(double days) => Default with { AffinityHalfLife = TimeSpan.FromDays(days) };

    /// <summary>The defaults with a tenant's affinity half-life and pre-period: what live profiles fold with.</summary>
    public static ProfileSettings Of(double halfLifeDays, int prePeriodDays) => WithHalfLifeDays(halfLifeDays) with { PrePeriodDays = prePeriodDays };
}
