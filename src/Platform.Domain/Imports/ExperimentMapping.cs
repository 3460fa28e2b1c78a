namespace Platform.Domain.Imports;

/// <summary>How the columns of a past-experiment file map to customers, arms and outcomes.</summary>
public sealed record ExperimentMapping(
    string Name,
    string UserIdColumn,
    string AssignmentColumn,
    IReadOnlyList<string> ControlValues,
    IReadOnlyList<ArmDesign> Arms,
    string? ConversionColumn = null,
    string? RevenueColumn = null,
    string? ParticipationColumn = null,
    int WindowDays = 30,
    DateTimeOffset? AssignedAt = null,
    IReadOnlyList<string>? FeatureColumns = null,
    IReadOnlyList<string>? CovariateColumns = null)
{
    public const int MaxArms = 20;

    /// <summary>At most this many pre-period covariate columns (docs/measurement.md).</summary>
    public const int MaxCovariates = 8;

    /// <summary>The largest covariate value kept: sums of products over millions of rows stay finite.</summary>
    public const double MaxCovariateMagnitude = 1e12;
}
