using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Runtime;
using Platform.Abstractions;
using Platform.Abstractions.Profiles;
using Platform.Domain.Events;
using Platform.Storage.Events;

namespace Platform.Grains.Profiles;

/// <summary>
/// One partition of a tenant's feed: hands its users' events to their grains in log order. Batches ahead of a gap wait in
/// memory; a gap still open after <see cref="GapTimeout"/> (its node died between commit and hand-over) is read back from
/// the log, as is everything after the stored offset when the grain activates. When nothing arrives for
/// <see cref="IdleCheck"/>, the log head is checked too, so a lost last hand-over is not left behind. Reading the log, a
/// partition asks only for its own users' events (by the user hash stored with each event) and stops where the next
/// generation of the feed starts.
/// The stored offset trails the delivered one by a save interval: after a crash, users touched just
/// before it are visited again and refresh their projection rows.
/// Placed by a hash of its key, so a tenant's partitions spread over the nodes rather than following the load estimate.
/// </summary>
[HashBasedPlacement]
public sealed class TenantFeedGrain(
    [PersistentState("feed", GrainStorage.Name)] IPersistentState<FeedState> state,
    EventLog log,
    FeedLayouts layouts,
    ILocalSiloDetails silo,
    TimeProvider clock,
    ILogger<TenantFeedGrain> logger) : Grain, ITenantFeedGrain
{
    public const int ReadPageSize = 5_000;
    public static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(5);

    private readonly SortedDictionary<long, PendingBatch> pending = [];
    private string tenantId = "";
    private FeedLayout layout = FeedLayout.Initial;
    private int partition;
    private long savedThrough;
    private long deliveredAtLastSave;
    private DateTimeOffset savedAt;
    private DateTimeOffset lastActivityAt;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        tenantId = GrainKeys.TenantOf(key);
        (var generation, partition) = GrainKeys.FeedPartitionOf(key);
        layout = await layouts.GenerationAsync(tenantId, generation, cancellationToken);
        if (state.State.DeliveredThrough < layout.AfterSeq)
        {
            await AwaitPreviousGenerationAsync();
            state.State.DeliveredThrough = layout.AfterSeq;
            await state.WriteStateAsync();
        }

        savedThrough = deliveredAtLastSave = state.State.DeliveredThrough;
        await ReadLogThroughAsync(await layouts.HeadForAsync(tenantId, layout.Generation, cancellationToken));
        this.RegisterGrainTimer(TickAsync, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>
    /// A new generation delivers nothing before every partition of the previous one has delivered all of its events: a user's
    /// events must reach the user in log order, whichever generation carries them.
    /// </summary>
    private async Task AwaitPreviousGenerationAsync()
    {
        var previous = await layouts.GenerationAsync(tenantId, layout.Generation - 1);
        await Task.WhenAll(Enumerable.Range(0, previous.Partitions).Select(p =>
            GrainFactory.GetGrain<ITenantFeedGrain>(GrainKeys.Feed(tenantId, previous.Generation, p)).CatchUpAsync()));
        logger.LogInformation("Feed {FeedKey} starts after {AfterSeq}, the previous generation's {Partitions} partition(s) having delivered up to it",
            this.GetPrimaryKeyString(), layout.AfterSeq, previous.Partitions);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A clean stop stores everything delivered.
        FeedMetrics.Left(this.GetPrimaryKeyString(), tenantId);
        deliveredAtLastSave = state.State.DeliveredThrough;
        await SaveAsync();
    }

    public async Task DeliverAsync(long firstSeq, long lastSeq, Immutable<IReadOnlyList<LoggedEvent>> events)
    {
        if (lastSeq <= state.State.DeliveredThrough)
        {
            return; // already read back from the log
        }

        if (firstSeq != state.State.DeliveredThrough + 1)
        {
            pending[firstSeq] = new PendingBatch(lastSeq, events.Value, clock.GetUtcNow());
            return;
        }

        await HandOverAsync(events.Value, lastSeq);
        await DrainPendingAsync();
    }

    public async Task<FeedPartitionStatus> CatchUpAsync()
    {
        await ReadLogThroughAsync(await layouts.HeadForAsync(tenantId, layout.Generation));
        await DrainPendingAsync();
        return await StatusAsync();
    }

    public Task<FeedPartitionStatus> StatusAsync() =>
        Task.FromResult(new FeedPartitionStatus(layout.Generation, partition, state.State.DeliveredThrough, pending.Count, silo.SiloAddress.Endpoint.ToString()));

    private DateTimeOffset OldestPendingArrival => pending.Values.Min(p => p.ArrivedAt);

    private async Task DrainPendingAsync()
    {
        while (pending.Count > 0)
        {
            var (first, batch) = pending.First();
            if (batch.LastSeq <= state.State.DeliveredThrough)
            {
                pending.Remove(first);
                continue;
            }

            if (first != state.State.DeliveredThrough + 1)
            {
                return;
            }

            pending.Remove(first);
            await HandOverAsync(batch.Events, batch.LastSeq);
        }
    }

    private async Task TickAsync()
    {
        try
        {
            var now = clock.GetUtcNow();
            if (pending.Count > 0 && now - OldestPendingArrival > GapTimeout)
            {
                logger.LogWarning("Feed {FeedKey} waited {Timeout} for events after {Offset}; reading them from the log", this.GetPrimaryKeyString(), GapTimeout, state.State.DeliveredThrough);
                await ReadLogThroughAsync(await layouts.HeadForAsync(tenantId, layout.Generation));
                await DrainPendingAsync();
            }
            else if (pending.Count == 0 && now - lastActivityAt > IdleCheck)
            {
                lastActivityAt = now;
                await ReadLogThroughAsync(await layouts.HeadForAsync(tenantId, layout.Generation));
            }

            if (clock.GetUtcNow() - savedAt >= SaveInterval)
            {
                await SaveAsync();
            }
        }
        finally
        {
            FeedMetrics.Report(this.GetPrimaryKeyString(), tenantId, pending.Values.Sum(p => p.Events.Count),
                pending.Count > 0 ? clock.GetUtcNow() - OldestPendingArrival : TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Reads the log from the offset up to <paramref name="head"/> and hands this partition's events over. Each read covers
    /// at most <see cref="ReadPageSize"/> × the partition count offsets, so that one statement never scans a long backlog
    /// for a partition with few of its events.
    /// </summary>
    private async Task ReadLogThroughAsync(long head)
    {
        while (state.State.DeliveredThrough < head)
        {
            var after = state.State.DeliveredThrough;
            var until = Math.Min(head, after + (long)ReadPageSize * layout.Partitions);
            var page = await log.ReadPartitionAsync(tenantId, partition, layout.Partitions, after, until, ReadPageSize);
            var through = page.Count < ReadPageSize ? until : page[^1].Seq;
            await HandOverAsync(page.Where(e => layout.PartitionOf(e.Event.UserId) == partition).ToList(), through);
        }
    }

    private async Task HandOverAsync(IReadOnlyList<LoggedEvent> events, long through)
    {
        var byUser = events.GroupBy(e => e.Event.UserId, StringComparer.Ordinal);
        await Task.WhenAll(byUser.Select(group =>
            GrainFactory.GetGrain<IUserGrain>(GrainKeys.User(tenantId, group.Key))
                .ApplyAsync(new Immutable<IReadOnlyList<LoggedEvent>>(group.ToList()))));
        state.State.DeliveredThrough = through;
        lastActivityAt = clock.GetUtcNow();
    }

    // Stores the offset delivered as of the previous save, so the stored one trails by a save interval.
    private async Task SaveAsync()
    {
        var delivered = state.State.DeliveredThrough;
        if (deliveredAtLastSave > savedThrough)
        {
            state.State.DeliveredThrough = deliveredAtLastSave;
            try
            {
                await state.WriteStateAsync();
                savedThrough = deliveredAtLastSave;
            }
            finally
            {
                state.State.DeliveredThrough = delivered;
            }
        }

        deliveredAtLastSave = delivered;
        savedAt = clock.GetUtcNow();
    }

    private sealed record PendingBatch(long LastSeq, IReadOnlyList<LoggedEvent> Events, DateTimeOffset ArrivedAt);
}
