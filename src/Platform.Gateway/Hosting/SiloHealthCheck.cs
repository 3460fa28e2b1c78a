using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Platform.Gateway.Hosting;

/// <summary>Ready needs this node's silo to be an active cluster member.</summary>
public sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("silo active")
            : HealthCheckResult.Unhealthy($"silo {status}"));
    }
}
