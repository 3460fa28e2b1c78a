using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Storage.Database;

namespace Platform.Gateway.Hosting;

/// <summary>Ready needs the database to answer.</summary>
public sealed class DatabaseHealthCheck(ServerInfo server) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await server.IsReachableAsync(cancellationToken)
            ? HealthCheckResult.Healthy("database reachable")
            : HealthCheckResult.Unhealthy("database unreachable");
}
