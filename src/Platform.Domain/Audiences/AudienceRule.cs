namespace Platform.Domain.Audiences;

/// <summary>
/// A filter over users: a combination (all / any / not) or one condition on a field
/// (<see cref="AudienceFields"/> lists the fields). Numbers compare with <see cref="Number"/>, texts and
/// dates with <see cref="Value"/>.
/// </summary>
public sealed record AudienceRule(
    IReadOnlyList<AudienceRule>? All = null,
    IReadOnlyList<AudienceRule>? Any = null,
    AudienceRule? Not = null,
    string? Field = null,
    RuleOperator? Op = null,
    string? Value = null,
    double? Number = null,
    IReadOnlyList<string>? Values = null);
