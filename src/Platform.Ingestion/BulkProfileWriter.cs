using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Platform.Abstractions;
using Platform.Abstractions.Profiles;
using Platform.Abstractions.Tenants;
using Platform.Domain.Campaigns;
using Platform.Domain.Events;
using Platform.Domain.Profiles;
using Platform.Storage;
using Platform.Storage.Campaigns;
using Platform.Storage.Catalog;
using Platform.Storage.Events;
using Platform.Storage.Users;

namespace Platform.Ingestion;

/// <summary>
/// Folds imported history into profiles set-wise (docs/imports.md#history-and-profiles). While an import appends its
/// batches, the shoppers without an active grain are left out of the hand-over and added to the import's
/// <see cref="FoldPlan"/> (<see cref="DeferAsync"/>); once every batch is in, their profiles are folded here, each once
/// (<see cref="FoldAsync"/>): stored snapshot and log read, folded with the <see cref="ProfileFolder"/> a user grain uses,
/// snapshots and projection rows written one statement each. Their grains activate later, from those snapshots.
/// </summary>
public sealed class BulkProfileWriter(
    EventLog log,
    UserSnapshotStore snapshots,
    ProfileProjection projection,
    CatalogStore catalog,
    CampaignStore campaigns,
    IGrainFactory grains,
    IOptions<ClusterOptions> cluster,
    IOptions<HistoryFoldOptions> options,
    TimeProvider clock,
    ILogger<BulkProfileWriter> logger)
{
    private static readonly TimeSpan ActiveUsersTimeout = TimeSpan.FromSeconds(5);

    private readonly TenantCache<IReadOnlyDictionary<string, ItemFacts>> facts =
        new((tenantId, cancellationToken) => catalog.LoadFactsAsync(tenantId, CatalogStore.FoldingFactsLimit, cancellationToken), TimeSpan.FromSeconds(60), clock);

    /// <summary>
    /// Adds to the plan the shoppers of a just-appended batch that the import folds at its end (no active grain, at most
    /// <see cref="HistoryFoldOptions.MaxEventsPerUser"/> events left to the fold) and returns them. Call it after the append and before the
    /// hand-over: a grain that activates from now on replays the log, which holds the batch, so only grains already active
    /// must get it from the feed.
    /// </summary>
    public async Task<IReadOnlySet<string>> DeferAsync(string tenantId, IReadOnlyList<BehaviorEvent> batch, FoldPlan plan)
    {
        var events = batch.CountBy(e => e.UserId, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var deferred = new HashSet<string>(StringComparer.Ordinal);
        var candidates = events.Where(user => plan.EventsOf(user.Key) + user.Value <= options.Value.MaxEventsPerUser).Select(user => user.Key).ToList();
        // Live appends wait behind this batch's hand-over: if the nodes cannot answer quickly, everyone goes to the feed.
        if (candidates.Count > 0 && await ActiveUsersAsync(tenantId, candidates) is { } active)
        {
            deferred.UnionWith(candidates.Where(u => !active.Contains(u)));
        }

        plan.Record(events, deferred);
        return deferred;
    }

    /// <summary>
    /// Folds the profiles of the shoppers in the plan, a chunk at a time (<see cref="HistoryFoldOptions"/>), and tells <paramref name="chunkDone"/> how many shoppers each chunk held once
    /// it is written. A shopper whose grain is active by now has replayed the log already; one whose history touches one
    /// of the tenant's campaigns (attribution, audiences and budgets live in grains) has its grain activated, which replays it.
    /// </summary>
    public async Task FoldAsync(TenantInfo tenant, FoldPlan plan, Func<int, Task> chunkDone, CancellationToken cancellationToken)
    {
        var settings = ProfileSettings.Of(tenant.Settings.AffinityHalfLifeDays, tenant.Settings.PrePeriodDays);

        // A chunk is written while the next one is read and folded (their users are distinct): the database and this
        // process work at the same time. One write at a time bounds the memory to two chunks.
        var writing = Task.CompletedTask;
        try
        {
            foreach (var chunk in plan.Chunks(options.Value.UsersPerChunk, options.Value.EventsPerChunk))
            {
                // Not knowing, fold them all: a grain active meanwhile has replayed the log, and the snapshot writes below
                // keep whichever of its and ours came first (a grain that finds ours replays the log after it).
                var active = await ActiveUsersAsync(tenant.Id, chunk) ?? [];
                var readAt = clock.GetUtcNow();
                var (folds, toGrains) = await ReadAsync(tenant.Id, [.. chunk.Where(u => !active.Contains(u))], cancellationToken);
                var items = await facts.GetAsync(tenant.Id);
                foreach (var fold in folds)
                {
                    ProfileFolder.Apply(fold.Profile, fold.Events.Select(e => (e.Seq, e.Event)), id => items.GetValueOrDefault(id), settings);
                }

                await writing;
                writing = Task.Run(async () =>
                {
                    await WriteAsync(tenant.Id, folds, settings, readAt, cancellationToken);
                    await Task.WhenAll(toGrains.Select(u => grains.GetGrain<IUserGrain>(GrainKeys.User(tenant.Id, u)).GetAsync()));
                    await chunkDone(chunk.Length);
                }, cancellationToken);
            }
        }
        catch
        {
            // The write in flight finishes (or fails) before the first failure goes up.
            await writing.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }

        await writing;
    }

    private sealed record UserFold(string UserId, UserProfile Profile, int? Version, IReadOnlyList<LoggedEvent> Events);

    /// <summary>Each user's stored snapshot and events after it; those whose history touches a campaign go to their grains.</summary>
    private async Task<(IReadOnlyList<UserFold> Folds, IReadOnlyList<string> ToGrains)> ReadAsync(string tenantId, IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        var stored = await snapshots.ReadAsync(cluster.Value.ServiceId, [.. users.Select(u => GrainKeys.User(tenantId, u))], cancellationToken);
        var profiles = users.ToDictionary(
            u => u,
            u => stored.TryGetValue(GrainKeys.User(tenantId, u), out var row) ? (row.Profile ?? new UserProfile(), (int?)row.Version) : (new UserProfile(), null),
            StringComparer.Ordinal);
        var events = (await log.ReadUsersAfterAsync(tenantId, [.. users.Select(u => (u, profiles[u].Item1.AppliedSeq))], cancellationToken))
            .GroupBy(e => e.Event.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<LoggedEvent>)[.. g], StringComparer.Ordinal);
        var named = events.Values.SelectMany(own => own).Select(e => e.Event.CampaignId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var existing = named.Count == 0 ? [] : (await campaigns.GetManyAsync(tenantId, named, cancellationToken)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

        var folds = new List<UserFold>();
        var toGrains = new List<string>();
        foreach (var (user, (profile, version)) in profiles)
        {
            if (!events.TryGetValue(user, out var own))
            {
                continue; // folded already (a grain that activated meanwhile wrote it)
            }

            if (CampaignAttribution.Involves(profile, own.Select(e => e.Event), existing.Contains))
            {
                toGrains.Add(user);
            }
            else
            {
                folds.Add(new UserFold(user, profile, version, own));
            }
        }

        return (folds, toGrains);
    }

    /// <summary>Writes folded profiles; the projection rows are as of <paramref name="readAt"/>, so an erasure recorded since drops them.</summary>
    private async Task WriteAsync(string tenantId, IReadOnlyList<UserFold> folds, ProfileSettings settings, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        if (folds.Count == 0)
        {
            return;
        }

        var written = await snapshots.WriteAsync(cluster.Value.ServiceId, [.. folds.Select(f => (GrainKeys.User(tenantId, f.UserId), f.Profile, f.Version))], cancellationToken);
        if (written.Count < folds.Count)
        {
            // Their grains wrote in between: a grain that activated after the append replayed it, so theirs is complete.
            logger.LogDebug("{Count} profiles of {TenantId} were written by their grains during the import", folds.Count - written.Count, tenantId);
        }

        var rows = folds
            .Where(f => written.Contains(GrainKeys.User(tenantId, f.UserId)) && f.Profile.FirstSeenAt is not null)
            .Select(f => new ProfileRow(tenantId, f.UserId, ProfileReader.Summary(f.Profile, readAt, settings), readAt))
            .ToList();
        await projection.UpsertAsync(rows, cancellationToken);
    }

    /// <summary>
    /// Of <paramref name="userIds"/>, those with an active grain on any node: each node of the cluster is asked about these
    /// users alone (<see cref="INodeUsersGrain"/>), so the cost follows the batch, not the grains the cluster holds. Null
    /// when that is not known: a node left while it was asked, or the nodes did not answer within <see cref="ActiveUsersTimeout"/>.
    /// </summary>
    private async Task<HashSet<string>?> ActiveUsersAsync(string tenantId, IReadOnlyList<string> userIds)
    {
        try
        {
            var nodes = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(ActiveUsersTimeout);
            var answers = await Task.WhenAll(nodes.Keys.Select(node => grains.GetGrain<INodeUsersGrain>(node.ToParsableString()).ActiveOfAsync(tenantId, userIds)))
                .WaitAsync(ActiveUsersTimeout);
            if (answers.All(answer => answer is not null))
            {
                return answers.SelectMany(answer => answer!).ToHashSet(StringComparer.Ordinal);
            }

            logger.LogWarning("A node left while the active user grains of {TenantId} were asked for", tenantId);
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException)
        {
            logger.LogWarning(exception, "The active user grains of {TenantId} could not be asked for", tenantId);
        }

        return null;
    }
}
