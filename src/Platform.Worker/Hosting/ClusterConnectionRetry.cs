namespace Platform.Worker.Hosting;

/// <summary>Keeps trying to reach the cluster: a worker may start before any gateway node is up.</summary>
public sealed class ClusterConnectionRetry(ILogger<ClusterConnectionRetry> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        logger.LogWarning("Cluster not reachable yet, retrying in {Delay}: {Reason}", Delay, exception.Message);
        await Task.Delay(Delay, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }
}
