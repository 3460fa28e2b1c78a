using System.Collections.Concurrent;

namespace Platform.Gateway.Subscriptions;

/// <summary>
/// This node's single subscription to each grain that publishes changes (<see cref="ProgressHub"/>,
/// <see cref="CampaignKpiHub"/>). Local listeners register per key; the node subscribes its observer to the
/// key's grain when the first arrives, renews every <see cref="RenewEvery"/> (grain subscriptions expire),
/// and unsubscribes when the last leaves. So a grain calls each interested node once, however many sockets it serves.
/// </summary>
public abstract class GrainFanOut<TKey, TChange>(ILogger logger) : IDisposable
    where TKey : notnull
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<TKey, Registration> registrations = new();
    private Timer? renewal;

    public async Task<IDisposable> ListenAsync(TKey key, Action<TChange> onChange)
    {
        renewal ??= new Timer(_ => _ = RenewAllAsync(), null, RenewEvery, RenewEvery);
        Registration registration;
        while (true)
        {
            registration = registrations.GetOrAdd(key, _ => new Registration());
            registration.Add(onChange);
            if (registrations.TryGetValue(key, out var current) && current == registration)
            {
                break;
            }

            registration.Remove(onChange); // the last listener left at the same moment; start over
        }

        await TrySubscribeAsync(key);
        return new Listener(this, key, registration, onChange);
    }

    public void Dispose()
    {
        renewal?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The keys with local listeners.</summary>
    protected IEnumerable<TKey> Keys => registrations.Keys;

    /// <summary>Hands a change published by the key's grain to this node's listeners.</summary>
    protected void Deliver(TKey key, TChange change)
    {
        if (registrations.TryGetValue(key, out var registration))
        {
            registration.Notify(change);
        }
    }

    protected abstract Task SubscribeAsync(TKey key);

    protected abstract Task UnsubscribeAsync(TKey key);

    private async Task TrySubscribeAsync(TKey key)
    {
        try
        {
            await SubscribeAsync(key);
        }
        catch (Exception exception)
        {
            // Listeners also poll the store, so a missed subscription only delays updates.
            logger.LogWarning(exception, "Could not subscribe to changes of {Key}", key);
        }
    }

    private async Task RenewAllAsync()
    {
        foreach (var key in registrations.Keys)
        {
            await TrySubscribeAsync(key);
        }
    }

    private void Remove(TKey key, Registration registration, Action<TChange> onChange)
    {
        if (registration.Remove(onChange) == 0)
        {
            registrations.TryRemove(KeyValuePair.Create(key, registration));
            _ = UnsubscribeAsync(key);
        }
    }

    private sealed class Registration
    {
        private readonly List<Action<TChange>> listeners = [];

        public void Add(Action<TChange> listener)
        {
            lock (listeners)
            {
                listeners.Add(listener);
            }
        }

        public int Remove(Action<TChange> listener)
        {
            lock (listeners)
            {
                listeners.Remove(listener);
                return listeners.Count;
            }
        }

        public void Notify(TChange change)
        {
            Action<TChange>[] snapshot;
            lock (listeners)
            {
                snapshot = [.. listeners];
            }

            foreach (var listener in snapshot)
            {
                listener(change);
            }
        }
    }

    private sealed class Listener(GrainFanOut<TKey, TChange> hub, TKey key, Registration registration, Action<TChange> onChange) : IDisposable
    {
        public void Dispose() => hub.Remove(key, registration, onChange);
    }
}
