using Platform.Domain.Errors;

namespace Platform.Domain.Campaigns;

/// <summary>
/// What a change asked of a campaign came to: the campaign as it now is, or why nothing changed (a code
/// from <see cref="ErrorCodes"/> and a sentence, with the broken rules when the design was invalid).
/// </summary>
public sealed record CampaignResult(Campaign? Campaign, string? Code = null, string? Message = null, IReadOnlyList<Violation>? Violations = null)
{
    public static CampaignResult Refused(string code, string message) => new(null, code, message);

    public static CampaignResult Invalid(IReadOnlyList<Violation> violations) => new(null, ErrorCodes.InvalidArgument, null, violations);
}
