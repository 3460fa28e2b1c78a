namespace Platform.Domain.Profiles;

/// <summary>Per-tenant knobs of profile folding.</summary>
public sealed record ProfileSettings(TimeSpan AffinityHalfLife, decimal HighValueMonetary90)
{
    public static ProfileSettings Default { get; } = new(TimeSpan.FromDays(14), 500m);
}
