namespace Platform.Domain.Modeling;

/// <summary>
/// A drift check of a version (docs/models.md#drift): when it ran, the window of activity of the users it compared with
/// the training rows (null: every user, for USERS versions, whose training rows are every user), how many, and each
/// feature's index, most drifted first. <see cref="Note"/> says what could not be compared, and why.
/// </summary>
public sealed record DriftReport(DateTimeOffset ComputedAt, int? WindowDays, int Users, IReadOnlyList<FeatureDrift> Features, string? Note)
{
    public double? MaxPsi => Features.Count == 0 ? null : Features.Max(f => f.Psi);
}
