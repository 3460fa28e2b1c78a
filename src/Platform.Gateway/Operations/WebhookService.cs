using Microsoft.Extensions.Options;
using Platform.Domain.Errors;
using Platform.Domain.Webhooks;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Types;
using Platform.Storage.Webhooks;

namespace Platform.Gateway.Operations;

/// <summary>Registering webhooks (checked against the deployment's target policy) and reading their deliveries.</summary>
public sealed class WebhookService(WebhookStore store, IOptions<WebhookOptions> options)
{
    public const int DefaultDeliveries = 20;
    public const int MaxDeliveries = 200;

    public async Task<Webhook> CreateAsync(string tenantId, string url, IReadOnlyList<WebhookEvent> events, IReadOnlyList<string>? campaignIds, string secret, CancellationToken cancellationToken)
    {
        ApiError.ThrowIfAny(WebhookRules.Validate(url, events, campaignIds, secret, options.Value.Policy));
        return await store.CreateAsync(tenantId, url, events.Distinct().ToList(), campaignIds, secret, cancellationToken)
            ?? throw ApiError.Refused(ErrorCodes.LimitReached, $"A tenant has at most {WebhookStore.MaxPerTenant} webhooks.");
    }

    public Task<IReadOnlyList<Webhook>> ListAsync(string tenantId, CancellationToken cancellationToken) => store.ListAsync(tenantId, cancellationToken);

    public async Task<Webhook> EnableAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        var webhookId = Parse(id);
        if (!await store.EnableAsync(tenantId, webhookId, cancellationToken))
        {
            throw ApiError.NotFound("webhook", id);
        }

        return (await store.ListAsync(tenantId, cancellationToken)).SingleOrDefault(w => w.Id == webhookId) ?? throw ApiError.NotFound("webhook", id); // deleted meanwhile
    }

    public async Task<Webhook> DisableAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        var webhookId = Parse(id);
        if (!await store.DisableAsync(tenantId, webhookId, "disabled by disableWebhook", cancellationToken))
        {
            throw ApiError.NotFound("webhook", id);
        }

        return (await store.ListAsync(tenantId, cancellationToken)).SingleOrDefault(w => w.Id == webhookId) ?? throw ApiError.NotFound("webhook", id); // deleted meanwhile
    }

    public async Task<bool> DeleteAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        await store.DeleteAsync(tenantId, Parse(id), cancellationToken) ? true : throw ApiError.NotFound("webhook", id);

    public async Task<Page<WebhookDelivery>> DeliveriesAsync(string tenantId, Guid webhookId, int? first, string? after, CancellationToken cancellationToken)
    {
        var size = Paging.Size(first, DefaultDeliveries, MaxDeliveries);
        var fetched = await store.DeliveriesAsync(tenantId, webhookId, size + 1, after is null ? null : Paging.ParseTimeGuidCursor(after, "deliveries"), cancellationToken);
        return Page<WebhookDelivery>.From(fetched, size, d => Paging.TimeCursor("deliveries", d.CreatedAt, d.Id.ToString("N")));
    }

    private static Guid Parse(string id) => ApiError.RequireUuid("id", id, "createWebhook");
}
