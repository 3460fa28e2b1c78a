using Orleans.Concurrency;

namespace Platform.Abstractions.Progress;

/// <summary>Implemented by gateway nodes that hold live subscriptions.</summary>
public interface IProgressObserver : IGrainObserver
{
    /// <summary>One-way, so a dead or slow node never holds up the publisher.</summary>
    [OneWay]
    Task OnProgressAsync(ProgressUpdate update);
}
