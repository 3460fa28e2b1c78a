using Platform.Abstractions.Progress;

namespace Platform.Gateway.Subscriptions;

/// <summary>This node's observer of run progress: one subscription per run's <see cref="IProgressGrain"/>.</summary>
public sealed class ProgressHub(IGrainFactory grains, ILogger<ProgressHub> logger)
    : GrainFanOut<(string GrainKey, string Kind, Guid RunId), ProgressUpdate>(logger), IProgressObserver
{
    // Made on first use: the silo must be running before an object reference can be made.
    private IProgressObserver? reference;

    private IProgressObserver Reference => reference ??= grains.CreateObjectReference<IProgressObserver>(this);

    public Task<IDisposable> ListenAsync(string grainKey, string runKind, Guid runId, Action onChange) =>
        ListenAsync((grainKey, runKind, runId), _ => onChange());

    public Task OnProgressAsync(ProgressUpdate update)
    {
        // The grain key is not in the update; runs are unique by kind and id.
        foreach (var key in Keys.Where(k => k.Kind == update.RunKind && k.RunId == update.RunId))
        {
            Deliver(key, update);
        }

        return Task.CompletedTask;
    }

    protected override Task SubscribeAsync((string GrainKey, string Kind, Guid RunId) key) =>
        grains.GetGrain<IProgressGrain>(key.GrainKey).SubscribeAsync(Reference);

    protected override Task UnsubscribeAsync((string GrainKey, string Kind, Guid RunId) key) =>
        grains.GetGrain<IProgressGrain>(key.GrainKey).UnsubscribeAsync(Reference);
}
