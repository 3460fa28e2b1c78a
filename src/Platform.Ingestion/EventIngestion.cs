using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Platform.Abstractions;
using Platform.Abstractions.Profiles;
using Platform.Abstractions.Tenants;
using Platform.Domain.Events;
using Platform.Storage.Events;

namespace Platform.Ingestion;

/// <summary>
/// Validates a batch, appends the valid events to the log (acknowledged only after the commit), and hands
/// the stored ones to the tenant feed, which updates the users' live profiles. Invalid events are
/// reported one by one and never keep valid ones out. Used by ingestEvents and, with
/// <see cref="IngestHistoryAsync"/>, by event imports.
/// </summary>
public sealed class EventIngestion(EventLog log, FeedLayouts layouts, BulkProfileWriter bulk, IGrainFactory grains, TimeProvider clock, ILogger<EventIngestion> logger)
{
    /// <summary>Ingests at most <see cref="EventRules.MaxBatch"/> events for an existing tenant.</summary>
    public async Task<IngestOutcome> IngestAsync(TenantInfo tenant, IReadOnlyList<EventDraft> drafts, CancellationToken cancellationToken)
    {
        var (outcome, append, stored, _) = await AppendAsync(tenant, drafts, cancellationToken);
        IngestionMetrics.Count(outcome);
        if (append is not null)
        {
            await HandToFeedAsync(tenant.Id, append, stored);
        }

        return outcome;
    }

    /// <summary>
    /// Ingests a batch of history (imports): the same validation and append, but the events of shoppers without an active
    /// grain are not handed over: they join the import's <paramref name="plan"/>, whose profiles the import folds once all
    /// its batches are in (<see cref="BulkProfileWriter"/>). Shoppers of duplicate events count too, so importing a file
    /// again completes what a killed import began.
    /// </summary>
    public async Task<IngestOutcome> IngestHistoryAsync(TenantInfo tenant, IReadOnlyList<EventDraft> drafts, FoldPlan plan, CancellationToken cancellationToken)
    {
        var (outcome, append, stored, valid) = await AppendAsync(tenant, drafts, cancellationToken);
        if (valid.Count == 0)
        {
            return outcome;
        }

        var deferred = await bulk.DeferAsync(tenant.Id, valid, plan);
        await HandToFeedAsync(tenant.Id, append!, [.. stored.Where(e => !deferred.Contains(e.Event.UserId))]);
        return outcome;
    }

    /// <summary>
    /// Activates the tenant's feed partitions before a history import: a partition that activates reads the log and hands
    /// every event it finds to its grain, folded by the import or not, so it should do that before the import, not during.
    /// </summary>
    public async Task ReadyFeedAsync(string tenantId)
    {
        var layout = await layouts.CurrentAsync(tenantId);
        await Task.WhenAll(Enumerable.Range(0, layout.Partitions).Select(p =>
            grains.GetGrain<ITenantFeedGrain>(GrainKeys.Feed(tenantId, layout.Generation, p)).StatusAsync()));
    }

    /// <summary>Validates and appends; returns the answer, the append, the events it stored and every valid event (duplicates included).</summary>
    private async Task<(IngestOutcome Outcome, AppendResult? Append, IReadOnlyList<LoggedEvent> Stored, IReadOnlyList<BehaviorEvent> Valid)> AppendAsync(
        TenantInfo tenant, IReadOnlyList<EventDraft> drafts, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(drafts.Count, EventRules.MaxBatch);
        var horizon = TimeSpan.FromDays(tenant.Settings.EventHorizonDays);
        var now = clock.GetUtcNow();
        var results = new IngestItemResult[drafts.Count];
        var valid = new List<(int Index, BehaviorEvent Event)>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var (validated, violations) = EventValidator.Validate(drafts[i], now, horizon);
            if (validated is null)
            {
                results[i] = new IngestItemResult(i, drafts[i].EventId, IngestStatus.Rejected, null, violations);
            }
            else
            {
                valid.Add((i, validated));
            }
        }

        if (valid.Count == 0)
        {
            return (new IngestOutcome(results), null, [], []);
        }

        var append = await log.AppendAsync(tenant.Id, valid.Select(v => v.Event).ToList(), cancellationToken);
        var stored = new List<LoggedEvent>(append.StoredAt.Count);
        for (var j = 0; j < valid.Count; j++)
        {
            var (index, validated) = valid[j];
            if (append.StoredAt.TryGetValue(j, out var seq))
            {
                results[index] = new IngestItemResult(index, validated.EventId, IngestStatus.Accepted, seq, [], validated);
                stored.Add(new LoggedEvent(seq, validated));
            }
            else
            {
                results[index] = new IngestItemResult(index, validated.EventId, IngestStatus.Duplicate, null, []);
            }
        }

        return (new IngestOutcome(results), append, stored, [.. valid.Select(v => v.Event)]);
    }

    // The events are committed: a failure here only delays profiles, which the feed reads back from the log.
    private async Task HandToFeedAsync(string tenantId, AppendResult append, IReadOnlyList<LoggedEvent> stored)
    {
        try
        {
            // Every partition gets its share, empty or not, so that each one sees the range and has no gap to wait for.
            var feed = append.Feed;
            var shares = Enumerable.Range(0, feed.Partitions).Select(_ => new List<LoggedEvent>()).ToArray();
            foreach (var logged in stored)
            {
                shares[feed.PartitionOf(logged.Event.UserId)].Add(logged);
            }

            await Task.WhenAll(shares.Select((share, partition) =>
                grains.GetGrain<ITenantFeedGrain>(GrainKeys.Feed(tenantId, feed.Generation, partition))
                    .DeliverAsync(append.FirstSeq, append.LastSeq, new Immutable<IReadOnlyList<LoggedEvent>>(share))));
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Events {First}..{Last} of {TenantId} are stored but not yet in profiles", append.FirstSeq, append.LastSeq, tenantId);
        }
    }
}
