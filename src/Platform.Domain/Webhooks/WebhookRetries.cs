namespace Platform.Domain.Webhooks;

/// <summary>
/// When a failed delivery is tried again: 10 s, 1 min, 5 min, 30 min, then every 2 h, up to
/// <see cref="MaxAttempts"/> attempts. A webhook whose deliveries fail for good <see cref="DisableAfterFailures"/>
/// times in a row is disabled.
/// </summary>
public sealed record WebhookRetries(int MaxAttempts = 6, int DisableAfterFailures = 5)
{
    private static readonly TimeSpan[] Delays = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based), or null when it was the last.</summary>
    public TimeSpan? After(int attempt) =>
        attempt >= MaxAttempts ? null : attempt <= Delays.Length ? Delays[attempt - 1] : TimeSpan.FromHours(2);
}
