namespace Platform.Domain.Audiences;

/// <summary>
/// Who a campaign, summary or listing is about: everyone, listed ids, users with a tag, a rule, or the users an uplift
/// model picks for a design (<see cref="UpliftSelection"/>).
/// </summary>
public sealed record Audience(
    bool All = false, IReadOnlyList<string>? UserIds = null, IReadOnlyList<string>? Tags = null, AudienceRule? Rule = null, UpliftSelection? Uplift = null)
{
    public const int MaxUserIds = 10_000;
}
