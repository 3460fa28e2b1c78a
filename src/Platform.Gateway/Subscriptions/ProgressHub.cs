using System.Collections.Concurrent;
using Platform.Abstractions.Progress;

namespace Platform.Gateway.Subscriptions;

/// <summary>
/// This node's single observer of run progress. Local listeners register per run; the hub subscribes
/// to each run's <see cref="IProgressGrain"/> once and renews the subscription while anyone listens.
/// </summary>
public sealed class ProgressHub : IProgressObserver, IDisposable
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string Kind, Guid RunId), Registration> registrations = new();
    private readonly IGrainFactory grains;
    private readonly ILogger<ProgressHub> logger;
    private readonly Timer renewal;

    // Created on first use: the silo must be running before an object reference can be made.
    private readonly Lazy<IProgressObserver> observerReference;

    public ProgressHub(IGrainFactory grains, ILogger<ProgressHub> logger)
    {
        this.grains = grains;
        this.logger = logger;
        observerReference = new(() => grains.CreateObjectReference<IProgressObserver>(this));
        renewal = new Timer(_ => _ = RenewAllAsync(), null, RenewEvery, RenewEvery);
    }

    public async Task<IDisposable> ListenAsync(string grainKey, string runKind, Guid runId, Action onChange)
    {
        Registration registration;
        while (true)
        {
            registration = registrations.GetOrAdd((runKind, runId), _ => new Registration(grainKey));
            registration.Add(onChange);
            if (registrations.TryGetValue((runKind, runId), out var current) && current == registration)
            {
                break;
            }

            registration.Remove(onChange); // the last listener left at the same moment; start over
        }
        await SubscribeAsync(registration);
        return new Listener(this, (runKind, runId), registration, onChange);
    }

    public Task OnProgressAsync(ProgressUpdate update)
    {
        if (registrations.TryGetValue((update.RunKind, update.RunId), out var registration))
        {
            registration.Notify();
        }

        return Task.CompletedTask;
    }

    public void Dispose() => renewal.Dispose();

    private IProgressObserver ObserverReference => observerReference.Value;

    private async Task SubscribeAsync(Registration registration)
    {
        try
        {
            await grains.GetGrain<IProgressGrain>(registration.GrainKey).SubscribeAsync(ObserverReference);
        }
        catch (Exception exception)
        {
            // Listeners also poll the run's store, so a missed subscription only delays updates.
            logger.LogWarning(exception, "Could not subscribe to progress of {GrainKey}", registration.GrainKey);
        }
    }

    private async Task RenewAllAsync()
    {
        foreach (var registration in registrations.Values)
        {
            await SubscribeAsync(registration);
        }
    }

    private void Remove((string, Guid) key, Registration registration, Action onChange)
    {
        if (registration.Remove(onChange) == 0)
        {
            registrations.TryRemove(KeyValuePair.Create(key, registration));
            _ = grains.GetGrain<IProgressGrain>(registration.GrainKey).UnsubscribeAsync(ObserverReference);
        }
    }

    private sealed class Registration(string grainKey)
    {
        private readonly List<Action> listeners = [];

        public string GrainKey { get; } = grainKey;

        public void Add(Action listener)
        {
            lock (listeners)
            {
                listeners.Add(listener);
            }
        }

        public int Remove(Action listener)
        {
            lock (listeners)
            {
                listeners.Remove(listener);
                return listeners.Count;
            }
        }

        public void Notify()
        {
            Action[] snapshot;
            lock (listeners)
            {
                snapshot = [.. listeners];
            }

            foreach (var listener in snapshot)
            {
                listener();
            }
        }
    }

    private sealed class Listener(ProgressHub hub, (string, Guid) key, Registration registration, Action onChange) : IDisposable
    {
        public void Dispose() => hub.Remove(key, registration, onChange);
    }
}
