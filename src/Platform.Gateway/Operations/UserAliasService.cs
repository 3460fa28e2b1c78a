using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Domain.Errors;
using Platform.Domain.Events;
using Platform.Domain.Trackers;
using Platform.Gateway.Auth;
using Platform.Storage.Events;
using Platform.Storage.Users;

namespace Platform.Gateway.Operations;

/// <summary>
/// alias(previousId → userId), docs/trackers.md#alias: the anonymous user's logged events are copied into the known
/// user's history, through ingestion (the known user's profile folds them, campaign events enroll the known user where
/// the campaign's rules allow), then the anonymous user is erased as forgetUser erases, up to the last event read.
/// Copies have ids derived from the originals, so a repeated alias stores nothing twice and completes one a crash
/// interrupted. Only an anonymous user can be merged away: one without stored attributes and with a short history,
/// so that a write key cannot fold a known customer into another id.
/// </summary>
public sealed class UserAliasService(EventLog log, UserStore users, UserDataService data, ErasureService erasure)
{
    public const int MaxAnonymousEvents = 10_000;

    /// <summary>What kept the alias from happening, or nothing (an id without events has nothing to merge).</summary>
    public async Task<IReadOnlyList<Violation>> MergeAsync(Caller caller, TrackerAlias alias, CancellationToken cancellationToken)
    {
        var tenantId = caller.TenantId!;
        if (await users.FindAsync(tenantId, alias.PreviousId, cancellationToken) is not null)
        {
            return [new("previousId", "identified_user", "previousId has stored attributes (upsertUsers, an import or identify): only an anonymous user is merged into another.")];
        }

        var history = await log.ReadUserAsync(tenantId, alias.PreviousId, 0, cancellationToken, limit: MaxAnonymousEvents + 1);
        if (history.Count > MaxAnonymousEvents)
        {
            return [new("previousId", "too_many_events", $"previousId has more than {MaxAnonymousEvents} events: only an anonymous visitor's short history is merged.")];
        }

        if (history.Count == 0)
        {
            return [];
        }

        foreach (var chunk in history.Chunk(EventRules.MaxBatch))
        {
            await data.IngestEventsAsync(tenantId, chunk.Select(e => Copy(e.Event, alias)).ToList(), cancellationToken);
        }

        await erasure.ForgetMergedAsync(caller, alias.PreviousId, history[^1].Seq, cancellationToken);
        return [];
    }

    private static EventDraft Copy(BehaviorEvent e, TrackerAlias alias) => new(
        CopyId(e.EventId, alias), alias.UserId, EventTypeNames.ToWire(e.Type), e.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
        e.ItemId, e.CategoryId, e.Quantity, e.Amount, e.Currency, e.CampaignId, e.Rating, e.Query, e.DurationSeconds, e.Properties);

    /// <summary>"alias-" and a hash of the two users and the original id: the same copy every time.</summary>
    public static string CopyId(string eventId, TrackerAlias alias) =>
        "alias-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{alias.PreviousId}\n{alias.UserId}\n{eventId}")))[..40];
}
