using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Storage;
using Platform.Abstractions;
using Platform.Abstractions.Campaigns;
using Platform.Abstractions.Profiles;
using Platform.Abstractions.Tenants;
using Platform.Domain.Campaigns;
using Platform.Domain.Events;
using Platform.Domain.Modeling;
using Platform.Domain.Modeling.UserScores;
using Platform.Domain.Profiles;
using Platform.Grains.Campaigns;
using Platform.Storage.Campaigns;
using Platform.Storage.Events;
using Platform.Storage.Models;
using Platform.Storage.Users;

namespace Platform.Grains.Profiles;

/// <summary>
/// A user's live profile. The snapshot is written once <see cref="WriteEvery"/> new events have been
/// folded, or with the next event after <see cref="WriteInterval"/> (in a turn after that delivery's), and on deactivation;
/// whatever the last snapshot misses is replayed from the log on activation, so a crash loses nothing that was
/// acknowledged. There is no periodic timer per grain: tens of thousands of them would flush in bursts.
/// </summary>
[CollectionAgeLimit(Minutes = 5)]
public sealed class UserGrain(
    [PersistentState("user", GrainStorage.Name)] IPersistentState<UserState> state,
    EventLog log,
    CatalogCache catalog,
    CampaignCache campaigns,
    StateWriteLimiter writes,
    ProjectionWriter projection,
    EnrollmentWriter enrollments,
    UserStore users,
    UserScoreStore scores,
    CampaignAudienceStore picks,
    TimeProvider clock,
    ILogger<UserGrain> logger,
    ActiveUsers activeUsers,
    ILiveUserScores? liveScores = null) : Grain, IUserGrain
{
    public const int WriteEvery = 100;
    public static readonly TimeSpan WriteInterval = TimeSpan.FromMinutes(2);

    private string tenantId = "";
    private string userId = "";
    private ProfileSettings settings = ProfileSettings.Default;
    private static readonly TimeSpan SettingsMaxAge = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan StoredDataMaxAge = TimeSpan.FromMinutes(1);

    private StoredUserData? stored;
    private int unsaved;
    private IGrainTimer? pendingWrite;
    private DateTimeOffset writtenAt;
    private DateTimeOffset settingsLoadedAt;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        tenantId = GrainKeys.TenantOf(key);
        userId = GrainKeys.UserIdOf(key);

        // Listed before the log is read: an import that does not find this user among the active ones appended its batch
        // before asking, so the read below holds it.
        activeUsers.Add(tenantId, userId, this);
        try
        {
            await LoadSettingsAsync();
            var missed = await log.ReadUserAsync(tenantId, userId, state.State.Profile.AppliedSeq, cancellationToken);
            if (missed.Count > 0)
            {
                await FoldAsync(missed);
                logger.LogDebug("Profile {UserKey} replayed {Count} events from the log", key, missed.Count);
            }
        }
        catch
        {
            activeUsers.Remove(tenantId, userId, this);
            throw;
        }

        // Rows queued by the last activation may have died with its node: queue the ones that can still change again
        // (a stored row at the same offset is kept). Rows of windows closed a day ago were written long since.
        var recent = clock.GetUtcNow().AddDays(-1);
        QueueRows(state.State.Profile.Enrollments.Where(x => x.WindowEnd > recent));
        writtenAt = clock.GetUtcNow();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync();
        }
        finally
        {
            activeUsers.Remove(tenantId, userId, this);
        }
    }

    public async Task ApplyAsync(Immutable<IReadOnlyList<LoggedEvent>> events)
    {
        if (clock.GetUtcNow() - settingsLoadedAt > SettingsMaxAge)
        {
            await LoadSettingsAsync();
        }

        await FoldAsync(events.Value);
        if (unsaved >= WriteEvery || (unsaved > 0 && clock.GetUtcNow() - writtenAt >= WriteInterval))
        {
            // The log holds these events already; the snapshot only shortens a later replay. So it is written in a turn
            // of its own, after the delivery is acknowledged: a storefront's ingest does not wait for the database's disk.
            pendingWrite ??= this.RegisterGrainTimer(async _ =>
            {
                pendingWrite?.Dispose();
                pendingWrite = null;
                await FlushAsync();
            }, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    public Task<Immutable<ProfileView?>> GetAsync() =>
        Task.FromResult(new Immutable<ProfileView?>(state.State.Profile.FirstSeenAt is null ? null : ProfileReader.Read(state.State.Profile, clock.GetUtcNow(), settings)));

    public async Task ForgetAsync(long throughSeq)
    {
        // An empty profile is written over the old one rather than the row cleared: a history import folding this user
        // meanwhile then finds its snapshot version taken and cannot write the erased profile back.
        state.State = new UserState { Profile = new UserProfile { AppliedSeq = throughSeq } };
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync();
            state.State = new UserState { Profile = new UserProfile { AppliedSeq = throughSeq } };
            await state.WriteStateAsync();
        }

        unsaved = 0;
        stored = null;

        // Events logged after the erasure began belong to the new profile.
        var later = await log.ReadUserAsync(tenantId, userId, throughSeq);
        if (later.Count > 0)
        {
            await FoldAsync(later);
        }

        logger.LogInformation("Profile {UserKey} erased through log offset {Seq}", this.GetPrimaryKeyString(), throughSeq);
    }

    private async Task LoadSettingsAsync()
    {
        if (await GrainFactory.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId)).GetAsync() is { } tenant)
        {
            settings = ProfileSettings.Of(tenant.Settings.AffinityHalfLifeDays, tenant.Settings.PrePeriodDays);
        }

        settingsLoadedAt = clock.GetUtcNow();
    }

    /// <summary>Folds the events and, when any was new, queues the user's projection row and changed campaign outcome rows.</summary>
    private async Task FoldAsync(IReadOnlyList<LoggedEvent> events)
    {
        var arrivedAt = clock.GetUtcNow();
        var facts = await catalog.FactsAsync(tenantId);
        var counting = await CampaignsForAsync(events, arrivedAt);
        var profile = state.State.Profile;
        var before = profile.Enrollments.ToList();
        var context = new CampaignContext(tenantId, userId, id => counting.GetValueOrDefault(id));
        var batch = events.Select(e => (e.Seq, e.Event)).ToList();
        if (CampaignAttribution.NeedsUserData(batch.Where(x => x.Seq > profile.AppliedSeq).Select(x => x.Event), profile, context))
        {
            var data = await StoredUserDataAsync(counting.Values.Max(c => c.LaunchedAt));
            context = context with { Attributes = data.Attributes, Score = await ScoreAsync(profile, data), PickedFor = data.PickedFor };
        }

        context = context with { Admitted = CampaignAttribution.Admissions(profile, batch, id => facts.GetValueOrDefault(id), context, settings) };
        var overBudget = await ChargeBudgetsAsync(batch.Where(x => x.Seq > profile.AppliedSeq).Select(x => x.Event), context);
        context = context with { OverBudget = overBudget.Contains };
        var applied = ProfileFolder.Apply(profile, batch, id => facts.GetValueOrDefault(id), settings, context);
        if (applied == 0)
        {
            return;
        }

        unsaved += applied;
        QueueRows(profile.Enrollments.Where(x => !before.Contains(x, ReferenceEqualityComparer.Instance)));
    }

    /// <summary>Queues the user's projection row and the given campaign outcome rows.</summary>
    private void QueueRows(IEnumerable<CampaignEnrollment> changed)
    {
        var profile = state.State.Profile;
        if (profile.FirstSeenAt is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        projection.Enqueue(new ProfileRow(tenantId, userId, ProfileReader.Summary(profile, now, settings), now));
        foreach (var enrollment in changed)
        {
            enrollments.Enqueue(new EnrollmentRow(tenantId, userId, enrollment, profile.AppliedSeq, now));
        }
    }

    /// <summary>
    /// The user's stored attributes, scores and uplift-audience picks, which audiences may read. A user outside an audience
    /// sends the campaign's events again and again: what was read is kept for <see cref="StoredDataMaxAge"/>, unless a
    /// campaign launched (and froze its picks) since.
    /// </summary>
    private async Task<StoredUserData> StoredUserDataAsync(DateTimeOffset? latestLaunch)
    {
        if (stored is not { } kept || clock.GetUtcNow() - kept.ReadAt > StoredDataMaxAge || latestLaunch > kept.ReadAt)
        {
            var readAt = clock.GetUtcNow();
            var attributes = users.FindAsync(tenantId, userId);
            var score = scores.FindAsync(tenantId, userId);
            var picked = picks.PickedForAsync(tenantId, [userId]);
            stored = kept = new StoredUserData(await attributes, await score, (await picked).GetValueOrDefault(userId), readAt);
        }

        return kept;
    }

    /// <summary>
    /// The user's scores from the live profile (<see cref="ILiveUserScores"/>, where this node serves models), or the
    /// stored ones when it serves no USERS version of the tenant.
    /// </summary>
    private async Task<UserScore?> ScoreAsync(UserProfile profile, StoredUserData data)
    {
        if (liveScores is null)
        {
            return data.Score;
        }

        var features = profile.FirstSeenAt is null ? null : TrainingFeatures.Merge(null, EnrollmentFeatures.Of(profile, clock.GetUtcNow(), settings), data.Attributes);
        return await liveScores.ScoreAsync(tenantId, [features], CancellationToken.None) is { } live ? live[0] : data.Score;
    }

    private sealed record StoredUserData(
        Domain.Users.UserAttributes? Attributes, UserScore? Score, IReadOnlySet<string>? PickedFor, DateTimeOffset ReadAt);

    /// <summary>Asks each budgeted campaign about the treatment redemptions in the batch; returns the event ids refused.</summary>
    private async Task<HashSet<string>> ChargeBudgetsAsync(IEnumerable<BehaviorEvent> events, CampaignContext context)
    {
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (eventId, campaignId, discount) in CampaignAttribution.BudgetCharges(events, state.State.Profile, context))
        {
            if (!await GrainFactory.GetGrain<ICampaignGrain>(GrainKeys.Campaign(tenantId, campaignId)).ChargeAsync(eventId, discount))
            {
                refused.Add(eventId);
            }
        }

        return refused;
    }

    private async Task<IReadOnlyDictionary<string, Campaign>> CampaignsForAsync(IReadOnlyList<LoggedEvent> events, DateTimeOffset arrivedAt)
    {
        var known = await campaigns.GetAsync(tenantId);
        return CampaignAttribution.NeedsFreshCampaigns(events.Select(e => e.Event), known) ? await campaigns.GetFreshAsync(tenantId, arrivedAt) : known;
    }

    private async Task FlushAsync()
    {
        if (unsaved == 0)
        {
            return;
        }

        try
        {
            await writes.RunAsync(state.WriteStateAsync);
        }
        catch (InconsistentStateException)
        {
            // Another writer stored a snapshot since this activation read one: a history import folded this user's log
            // while the grain was not yet active. That snapshot is a fold of the log too; take it, replay what follows it,
            // and store the result.
            logger.LogDebug("Profile {UserKey} was stored by another writer; reloading it", this.GetPrimaryKeyString());
            await state.ReadStateAsync();
            unsaved = 0;
            var missed = await log.ReadUserAsync(tenantId, userId, state.State.Profile.AppliedSeq);
            if (missed.Count == 0)
            {
                return;
            }

            await FoldAsync(missed);
            await writes.RunAsync(state.WriteStateAsync);
        }

        unsaved = 0;
        writtenAt = clock.GetUtcNow();
    }
}
