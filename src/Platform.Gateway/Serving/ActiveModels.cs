using System.Collections.Concurrent;
using Platform.Domain;
using Platform.Domain.Errors;
using Platform.Domain.Models;
using Platform.Gateway.Api.Execution;
using Platform.ML;
using Platform.Storage.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Gateway.Serving;

/// <summary>
/// Each tenant's ACTIVE version of one task (<typeparamref name="T"/>: the loaded model), loaded on this node on first use (docs/recommendations.md#serving). The registry is
/// asked at most every <see cref="CheckEvery"/> which version is ACTIVE, so a promotion or retraining reaches every node
/// within that time; a version unused for <see cref="IdleAfter"/> is let go. A version this build cannot read (its offer
/// encoding differs, its weights are corrupt) is served as no model — recommendations fall back to rules, the other
/// fields answer NOT_FOUND — and logged once; when the
/// registry cannot be asked, the version already loaded keeps serving and the next check waits <see cref="CheckEvery"/>.
/// </summary>
public sealed class ActiveModels<T>(ModelTask task, Func<byte[], T> load, ModelRegistry registry, TimeProvider clock, ILogger<ActiveModels<T>> logger)
    where T : class, IDisposable
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(30);

    // One thread per operation: a node serves many small requests at once, each on its own thread, and an operation
    // split over every core made each request's threads wait for, and spin beside, the others'.
    private static readonly Lazy<bool> Runtime = new(() =>
    {
        TorchRuntime.Initialize(threads: 1);
        return true;
    });

    /// <summary>The cache of a task whose versions load with <paramref name="fromBytes"/>, on the CPU, TorchSharp set up first.</summary>
    public static ActiveModels<T> Create(IServiceProvider services, ModelTask task, Func<byte[], Device, T> fromBytes) =>
        new(task,
            bytes =>
            {
                _ = Runtime.Value;
                return fromBytes(bytes, torch.CPU);
            },
            services.GetRequiredService<ModelRegistry>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<ActiveModels<T>>>());

    private readonly ConcurrentDictionary<string, Slot> slots = new(StringComparer.Ordinal);
    private DateTimeOffset sweptAt;

    /// <summary>A hold on the tenant's ACTIVE version, or null when it has none this node can serve.</summary>
    public async Task<ModelLease<T>?> AcquireAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        SweepIdle(now);
        var slot = slots.GetOrAdd(tenantId, _ => new Slot());
        slot.UsedAt = now;
        if (now - slot.CheckedAt >= CheckEvery)
        {
            await RefreshAsync(tenantId, slot, cancellationToken);
        }

        // A swap or a sweep replaces Current before it retires the old version: a hold refused here reads the new Current.
        while (slot.Current is { } current)
        {
            if (current.TryHold() is { } lease)
            {
                return lease;
            }
        }

        return null;
    }

    /// <summary>A hold on the tenant's ACTIVE version; NOT_FOUND when it has none this node can serve.</summary>
    public async Task<ModelLease<T>> RequireAsync(string tenantId, CancellationToken cancellationToken) =>
        await AcquireAsync(tenantId, cancellationToken)
        ?? throw ApiError.Refused(ErrorCodes.NotFound, $"The tenant has no ACTIVE {WireNames.ToWire(task)} model this node can serve (none, or one this build cannot read): train one with trainModels(task: {WireNames.ToWire(task)}).");

    private async Task RefreshAsync(string tenantId, Slot slot, CancellationToken cancellationToken)
    {
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (now - slot.CheckedAt < CheckEvery)
            {
                return; // another request just did
            }

            var active = await registry.ActiveAsync(tenantId, task, cancellationToken);
            if (active?.Id != slot.Current?.VersionId && active?.Id != slot.Unreadable)
            {
                var loaded = active is null ? null : await LoadAsync(tenantId, active.Id, slot, cancellationToken);
                var previous = slot.Current;
                slot.Current = loaded;
                previous?.Retire();
            }

            slot.CheckedAt = now;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            slot.CheckedAt = clock.GetUtcNow();
            logger.LogWarning(e, "Could not check the ACTIVE {Task} version of tenant {TenantId}; serving what this node has", task, tenantId);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private async Task<ServedModel<T>?> LoadAsync(string tenantId, Guid versionId, Slot slot, CancellationToken cancellationToken)
    {
        try
        {
            var weights = await registry.WeightsAsync(tenantId, versionId, cancellationToken);
            var served = new ServedModel<T>(versionId, load(weights));
            logger.LogInformation("Serving {Task} version {VersionId} of tenant {TenantId}", task, versionId, tenantId);
            return served;
        }
        catch (Exception e) when (e is InvalidDataException or CorruptWeightsException or EndOfStreamException or System.Text.Json.JsonException)
        {
            slot.Unreadable = versionId;
            logger.LogWarning(e, "{Task} version {VersionId} of tenant {TenantId} cannot be served by this build", task, versionId, tenantId);
            return null;
        }
    }

    private void SweepIdle(DateTimeOffset now)
    {
        if (now - sweptAt < CheckEvery)
        {
            return;
        }

        sweptAt = now;
        foreach (var slot in slots.Values)
        {
            // Slots stay (one small object per tenant ever served); only an idle one's model is let go, under its gate.
            if (now - slot.UsedAt > IdleAfter && slot.Current is not null && slot.Gate.Wait(0))
            {
                try
                {
                    var idle = slot.Current;
                    slot.Current = null;
                    slot.CheckedAt = DateTimeOffset.MinValue;
                    idle?.Retire();
                }
                finally
                {
                    slot.Gate.Release();
                }
            }
        }
    }

    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ServedModel<T>? Current { get; set; }

        public Guid? Unreadable { get; set; }

        public DateTimeOffset CheckedAt { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset UsedAt { get; set; }
    }
}
