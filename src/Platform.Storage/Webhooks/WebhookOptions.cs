using Platform.Domain.Webhooks;

namespace Platform.Storage.Webhooks;

/// <summary>Webhook settings of a deployment (configuration section Platform:Webhooks), read by gateways and workers.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Platform:Webhooks";

    /// <summary>Allow http:// URLs (the embedded default and tests do; production should not).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Allow loopback, private and link-local targets (the embedded default and tests do; production should not).</summary>
    public bool AllowPrivateNetworks { get; set; }

    public double TimeoutSeconds { get; set; } = 10;

    public int MaxAttempts { get; set; } = 6;

    /// <summary>Deliveries that fail for good (every attempt failed) in a row before the webhook is disabled.</summary>
    public int DisableAfterFailures { get; set; } = 5;

    public WebhookTargetPolicy Policy => new(AllowHttp, AllowPrivateNetworks);

    public WebhookRetries Retries => new(MaxAttempts, DisableAfterFailures);
}
