using Microsoft.Extensions.Options;
using Platform.Domain.Webhooks;
using Platform.Gateway.GraphQL.Execution;
using Platform.Storage.Webhooks;

namespace Platform.Gateway.Operations;

/// <summary>Registering webhooks (checked against the deployment's target policy) and reading their deliveries.</summary>
public sealed class Webhooks(WebhookStore store, IOptions<WebhookOptions> options)
{
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;
    public const int MaxCampaignIds = 100;
    public const int MaxDeliveriesShown = 200;

    public async Task<Webhook> CreateAsync(string tenantId, string url, IReadOnlyList<WebhookEvent> events, IReadOnlyList<string>? campaignIds, string secret, CancellationToken cancellationToken)
    {
        if (WebhookTargets.ValidateUrl(url, options.Value.Policy) is [var broken, ..])
        {
            throw new InputError("url", broken.Message.TrimEnd('.')) { Extensions = new Dictionary<string, object?> { ["field"] = "url", ["rule"] = broken.Rule } };
        }

        if (events.Count == 0)
        {
            throw new InputError("events", "must name at least one event");
        }

        if (secret.Length is < MinSecretLength or > MaxSecretLength)
        {
            throw new InputError("secret", $"must have {MinSecretLength}-{MaxSecretLength} characters");
        }

        if (campaignIds is { Count: 0 or > MaxCampaignIds })
        {
            throw new InputError("campaignIds", $"must list 1-{MaxCampaignIds} campaigns, or be left out for all");
        }

        if (campaignIds?.Select((id, i) => (id, i)).FirstOrDefault(c => c.id.Length is 0 or > Campaigns.MaxIdLength) is { id: not null } bad)
        {
            throw new InputError($"campaignIds[{bad.i}]", $"must have 1-{Campaigns.MaxIdLength} characters");
        }

        return await store.CreateAsync(tenantId, url, events.Distinct().ToList(), campaignIds, secret, cancellationToken)
            ?? throw new global::GraphQL.ExecutionError($"A tenant has at most {WebhookStore.MaxPerTenant} webhooks.") { Code = "LIMIT_REACHED" };
    }

    public Task<IReadOnlyList<Webhook>> ListAsync(string tenantId, CancellationToken cancellationToken) => store.ListAsync(tenantId, cancellationToken);

    public async Task<Webhook> EnableAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        var webhookId = Parse(id);
        if (!await store.EnableAsync(tenantId, webhookId, cancellationToken))
        {
            throw new NotFoundError("webhook", id);
        }

        return (await store.ListAsync(tenantId, cancellationToken)).Single(w => w.Id == webhookId);
    }

    public async Task<bool> DeleteAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        await store.DeleteAsync(tenantId, Parse(id), cancellationToken) ? true : throw new NotFoundError("webhook", id);

    public Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(string tenantId, Guid webhookId, int? first, CancellationToken cancellationToken)
    {
        var size = first ?? 20;
        return size is < 1 or > MaxDeliveriesShown
            ? throw new InputError("first", $"must be between 1 and {MaxDeliveriesShown}")
            : store.DeliveriesAsync(tenantId, webhookId, size, cancellationToken);
    }

    private static Guid Parse(string id) => Guid.TryParse(id, out var parsed) ? parsed : throw new NotFoundError("webhook", id);
}
