using Platform.Domain.Users;

namespace Platform.Domain.Imports;

/// <summary>One customer of a past experiment: the arm, the outcomes in the window, the feature values and the covariates.</summary>
public sealed record ExperimentRow(
    string UserId,
    ExperimentArm Arm,
    bool? Participated,
    int? Conversions,
    decimal? Revenue,
    IReadOnlyList<AttributeValue> Features,
    IReadOnlyList<double>? Covariates = null);
