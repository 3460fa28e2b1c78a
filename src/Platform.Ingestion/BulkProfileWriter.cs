using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
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
/// Folds imported history into the profiles of users who have no live grain, set-wise (docs/imports.md#history-and-profiles):
/// reads their stored snapshots and their events after them, folds with the <see cref="ProfileFolder"/> a user grain uses,
/// and writes the snapshots and projection rows one statement each. Their grains activate later, from those snapshots.
/// A user whose grain is active, whose history touches one of the tenant's campaigns (attribution, audiences and budgets
/// live in grains), or who has <see cref="GrainFromEvents"/> events or more in the batch (a heavy user, whose grain, once
/// active, folds the next batches in memory rather than through a snapshot read and write each time), is left to the grain
/// through the feed.
/// </summary>
public sealed class BulkProfileWriter(
    EventLog log,
    UserSnapshots snapshots,
    ProfileProjection projection,
    CatalogStore catalog,
    CampaignStore campaigns,
    IGrainFactory grains,
    IOptions<ClusterOptions> cluster,
    TimeProvider clock,
    ILogger<BulkProfileWriter> logger)
{
    public const int GrainFromEvents = 4;

    private const int ProjectionRowsPerStatement = 2_000;

    private readonly TenantCache<IReadOnlyDictionary<string, ItemFacts>> facts =
        new((tenantId, cancellationToken) => catalog.LoadFactsAsync(tenantId, CatalogStore.FoldingFactsLimit, cancellationToken), TimeSpan.FromSeconds(60), clock);

    /// <summary>The users of a batch whose profiles are folded here, each with its stored snapshot and its events after it.</summary>
    public sealed class Plan(TenantInfo tenant, IReadOnlyDictionary<string, UserFold> folds)
    {
        public TenantInfo Tenant { get; } = tenant;

        public IReadOnlyDictionary<string, UserFold> Folds { get; } = folds;

        public bool Folded(string userId) => Folds.ContainsKey(userId);
    }

    public sealed record UserFold(UserProfile Profile, int? Version, IReadOnlyList<LoggedEvent> Events);

    /// <summary>
    /// Decides which of the users to fold here. Call it after the batch is appended and before its hand-over: a grain that
    /// activates from now on replays the log, which holds the batch, so only grains already active must get it from the feed.
    /// </summary>
    public async Task<Plan> PlanAsync(TenantInfo tenant, IReadOnlyList<BehaviorEvent> batch, CancellationToken cancellationToken)
    {
        var active = await ActiveUsersAsync(tenant.Id);
        var candidates = batch.CountBy(e => e.UserId, StringComparer.Ordinal)
            .Where(user => user.Value < GrainFromEvents && !active.Contains(user.Key))
            .Select(user => user.Key)
            .ToList();
        var stored = await snapshots.ReadAsync(cluster.Value.ServiceId, [.. candidates.Select(u => GrainKeys.User(tenant.Id, u))], cancellationToken);
        var profiles = candidates.ToDictionary(
            u => u,
            u => stored.TryGetValue(GrainKeys.User(tenant.Id, u), out var row) ? (row.Profile ?? new UserProfile(), (int?)row.Version) : (new UserProfile(), null),
            StringComparer.Ordinal);
        var events = (await log.ReadUsersAfterAsync(tenant.Id, [.. candidates.Select(u => (u, profiles[u].Item1.AppliedSeq))], cancellationToken))
            .GroupBy(e => e.Event.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<LoggedEvent>)[.. g], StringComparer.Ordinal);

        var named = events.Values.SelectMany(own => own).Select(e => e.Event.CampaignId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var existing = named.Count == 0 ? [] : (await campaigns.GetManyAsync(tenant.Id, named, cancellationToken)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

        var folds = new Dictionary<string, UserFold>(StringComparer.Ordinal);
        foreach (var user in candidates)
        {
            var (profile, version) = profiles[user];
            if (events.TryGetValue(user, out var own) && !CampaignAttribution.Involves(profile, own.Select(e => e.Event), existing.Contains))
            {
                folds[user] = new UserFold(profile, version, own);
            }
        }

        return new Plan(tenant, folds);
    }

    /// <summary>
    /// Folds the planned users and writes their snapshots; returns once they are written, with the writing of their
    /// projection rows still under way (the caller awaits it before the end of the import, so that it overlaps the next batch).
    /// </summary>
    public async Task<Task> WriteAsync(Plan plan, CancellationToken cancellationToken)
    {
        if (plan.Folds.Count == 0)
        {
            return Task.CompletedTask;
        }

        var tenant = plan.Tenant;
        var settings = ProfileSettings.Of(tenant.Settings.AffinityHalfLifeDays, tenant.Settings.PrePeriodDays);
        var items = await facts.GetAsync(tenant.Id);
        foreach (var fold in plan.Folds.Values)
        {
            ProfileFolder.Apply(fold.Profile, fold.Events.Select(e => (e.Seq, e.Event)), id => items.GetValueOrDefault(id), settings);
        }

        var written = await snapshots.WriteAsync(
            cluster.Value.ServiceId, [.. plan.Folds.Select(f => (GrainKeys.User(tenant.Id, f.Key), f.Value.Profile, f.Value.Version))], cancellationToken);
        var now = clock.GetUtcNow();
        var rows = plan.Folds
            .Where(f => written.Contains(GrainKeys.User(tenant.Id, f.Key)) && f.Value.Profile.FirstSeenAt is not null)
            .Select(f => new ProfileRow(tenant.Id, f.Key, ProfileReader.Read(f.Value.Profile, now, settings), now))
            .ToList();
        if (written.Count < plan.Folds.Count)
        {
            // Their grains wrote in between: a grain that activated after the append replayed it, so theirs is complete.
            logger.LogDebug("{Count} profiles of {TenantId} were written by their grains during the import", plan.Folds.Count - written.Count, tenant.Id);
        }

        return UpsertRowsAsync(rows, cancellationToken);
    }

    private async Task UpsertRowsAsync(IReadOnlyList<ProfileRow> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(ProjectionRowsPerStatement))
        {
            await projection.UpsertAsync(chunk, cancellationToken);
        }
    }

    private async Task<HashSet<string>> ActiveUsersAsync(string tenantId)
    {
        var prefix = GrainKeys.User(tenantId, "");
        var type = grains.GetGrain<IUserGrain>(prefix).GetGrainId().Type;
        var active = await grains.GetGrain<IManagementGrain>(0).GetActiveGrains(type);
        return active.Select(id => id.Key.ToString()!).Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).ToHashSet(StringComparer.Ordinal);
    }
}
