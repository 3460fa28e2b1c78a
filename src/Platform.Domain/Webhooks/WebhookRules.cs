using Platform.Domain.Errors;

namespace Platform.Domain.Webhooks;

/// <summary>The rules a webhook registration must meet; every broken rule is reported (docs/webhooks.md).</summary>
public static class WebhookRules
{
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;
    public const int MaxCampaignIds = 100;

    public static IReadOnlyList<Violation> Validate(
        string url, IReadOnlyList<WebhookEvent> events, IReadOnlyList<string>? campaignIds, string secret, WebhookTargetPolicy policy)
    {
        var violations = new List<Violation>(WebhookTargets.ValidateUrl(url, policy));
        if (events.Count == 0)
        {
            violations.Add(new("events", "required", "events must name at least one event."));
        }

        if (secret.Length is < MinSecretLength or > MaxSecretLength)
        {
            violations.Add(new("secret", "length", $"secret must have {MinSecretLength}-{MaxSecretLength} characters."));
        }

        if (campaignIds is { Count: 0 or > MaxCampaignIds })
        {
            violations.Add(new("campaignIds", "too_many", $"campaignIds must list 1-{MaxCampaignIds} campaigns, or be left out for all."));
        }
        else if (campaignIds is not null)
        {
            violations.AddRange(campaignIds.Select((id, i) => Identifiers.Check($"campaignIds[{i}]", id)).OfType<Violation>());
        }

        return violations;
    }
}
