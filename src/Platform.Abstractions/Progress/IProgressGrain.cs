namespace Platform.Abstractions.Progress;

/// <summary>
/// Fan-out point for one run's progress. Keyed by <see cref="GrainKeys.Progress"/>. Holds no durable
/// state: workers publish here after committing progress to PostgreSQL.
/// </summary>
public interface IProgressGrain : IGrainWithStringKey
{
    Task PublishAsync(ProgressUpdate update);

    /// <summary>Subscriptions expire unless renewed; call again at least every minute.</summary>
    Task SubscribeAsync(IProgressObserver observer);

    Task UnsubscribeAsync(IProgressObserver observer);
}
