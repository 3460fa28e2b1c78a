using Platform.Domain.Users;

namespace Platform.Domain.Imports;

/// <summary>One customer of a past experiment: the arm, the outcomes in the window, and the feature values.</summary>
public sealed record ExperimentRow(
    string UserId,
    ExperimentArm Arm,
    bool? Participated,
    int? Conversions,
    decimal? Revenue,
    IReadOnlyList<AttributeValue> Features);
