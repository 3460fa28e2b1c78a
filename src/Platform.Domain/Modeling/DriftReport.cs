namespace Platform.Domain.Modeling;

/// <summary>
/// A drift check of a version (docs/models.md#drift): when it ran, how many users active in the window it compared
/// with the training rows, and each feature's index, most drifted first. Without active users there are no indexes
/// and <see cref="Note"/> says why.
/// </summary>
public sealed record DriftReport(DateTimeOffset ComputedAt, int WindowDays, int Users, IReadOnlyList<FeatureDrift> Features, string? Note)
{
    public double? MaxPsi => Features.Count == 0 ? null : Features.Max(f => f.Psi);
}
