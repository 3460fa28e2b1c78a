using Platform.Domain.Events;

namespace Platform.Domain.Campaigns;

/// <summary>What a change asked of a campaign came to: the campaign as it now is, or why nothing changed.</summary>
public sealed record CampaignResult(Campaign? Campaign, string? Code = null, string? Message = null, IReadOnlyList<Violation>? Violations = null)
{
    public const string NotFound = "NOT_FOUND";
    public const string AlreadyExists = "ALREADY_EXISTS";
    public const string InvalidDesign = "INVALID_ARGUMENT";
    public const string Conflict = "CONFLICT";

    public static CampaignResult Refused(string code, string message) => new(null, code, message);

    public static CampaignResult Invalid(IReadOnlyList<Violation> violations) =>
        new(null, InvalidDesign, "the design breaks " + (violations.Count == 1 ? "a rule" : $"{violations.Count} rules"), violations);
}
