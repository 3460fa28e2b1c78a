using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using Platform.Abstractions.Progress;

namespace Platform.Grains.Progress;

public sealed class ProgressGrain(ILogger<ProgressGrain> logger) : Grain, IProgressGrain
{
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(1);

    private readonly ObserverManager<IProgressObserver> observers = new(SubscriptionLifetime, logger);

    // Observer calls are one-way, so this completes without waiting for any subscriber.
    public Task PublishAsync(ProgressUpdate update) => observers.Notify(observer => observer.OnProgressAsync(update));

    public Task SubscribeAsync(IProgressObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IProgressObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }
}
