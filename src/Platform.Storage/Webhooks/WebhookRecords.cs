using Platform.Domain.Webhooks;

namespace Platform.Storage.Webhooks;

/// <summary>A registered webhook, without its secret.</summary>
public sealed record Webhook(
    Guid Id, string Url, IReadOnlyList<WebhookEvent> Events, IReadOnlyList<string>? CampaignIds, bool Active, int ConsecutiveFailures,
    DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, string? DisabledReason);

/// <summary>Where and how to send one delivery.</summary>
public sealed record WebhookTarget(Guid WebhookId, string TenantId, string Url, string Secret, bool Active);

/// <summary>One delivery of an event to a webhook, and how its attempts went.</summary>
public sealed record WebhookDelivery(
    Guid Id, Guid WebhookId, WebhookEvent Event, string Payload, string Status, int Attempts, int? LastStatusCode, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt);
