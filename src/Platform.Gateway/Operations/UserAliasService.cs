using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Domain.Events;
using Platform.Domain.Trackers;
using Platform.Gateway.Auth;
using Platform.Storage.Events;

namespace Platform.Gateway.Operations;

/// <summary>
/// alias(previousId → userId), docs/trackers.md#alias: the anonymous user's logged events are copied into the known
/// user's history, through ingestion (the known user's profile folds them, campaign events enroll the known user where
/// the campaign's rules allow), then the anonymous user is erased as forgetUser erases (events, profile, attributes and
/// its own campaign assignments). Copies have ids derived from the originals, so a repeated alias stores nothing twice
/// and completes an alias a crash interrupted.
/// </summary>
public sealed class UserAliasService(EventLog log, UserDataService data, ErasureService erasure)
{
    public async Task MergeAsync(Caller caller, TrackerAlias alias, CancellationToken cancellationToken)
    {
        var tenantId = caller.TenantId!;
        var history = await log.ReadUserAsync(tenantId, alias.PreviousId, 0, cancellationToken);
        if (history.Count == 0)
        {
            return;
        }

        foreach (var chunk in history.Chunk(EventRules.MaxBatch))
        {
            await data.IngestEventsAsync(tenantId, chunk.Select(e => Copy(e.Event, alias)).ToList(), cancellationToken);
        }

        await erasure.ForgetAsync(caller, alias.PreviousId, cancellationToken);
    }

    private static EventDraft Copy(BehaviorEvent e, TrackerAlias alias) => new(
        CopyId(e.EventId, alias), alias.UserId, EventTypeNames.ToWire(e.Type), e.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
        e.ItemId, e.CategoryId, e.Quantity, e.Amount, e.Currency, e.CampaignId, e.Rating, e.Query, e.DurationSeconds, e.Properties);

    /// <summary>"alias-" and a hash of the two users and the original id: the same copy every time.</summary>
    public static string CopyId(string eventId, TrackerAlias alias) =>
        "alias-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{alias.PreviousId}\n{alias.UserId}\n{eventId}")))[..40];
}
