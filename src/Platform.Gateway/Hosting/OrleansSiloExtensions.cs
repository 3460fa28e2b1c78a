using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Platform.Grains;
using Platform.Storage.Database;

namespace Platform.Gateway.Hosting;

public static class OrleansSiloExtensions
{
    /// <summary>Co-hosts a silo: membership, grain state and reminders all in the platform PostgreSQL database.</summary>
    public static void AddPlatformSilo(this IHostApplicationBuilder builder, OrleansEndpointOptions endpoint, string connectionString)
    {
        builder.UseOrleans(silo =>
        {
            if (endpoint.KubernetesHosting)
            {
                silo.UseKubernetesHosting();
                silo.Configure<EndpointOptions>(options =>
                {
                    options.SiloPort = endpoint.SiloPort;
                    options.GatewayPort = endpoint.GatewayPort;
                });
            }
            else
            {
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = endpoint.ClusterId;
                    options.ServiceId = endpoint.ServiceId;
                });
                silo.ConfigureEndpoints(
                    IPAddress.Parse(endpoint.AdvertisedIp),
                    endpoint.SiloPort,
                    endpoint.GatewayPort,
                    listenOnAnyHostAddress: endpoint.ListenOnAnyAddress);
            }

            if (endpoint.RandomPlacement)
            {
                silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
            }

            silo.AddActivityPropagation(); // grain calls join the caller's trace (PlatformTracing)
            var small = DatabaseUrl.ForPool(connectionString, DatabaseUrl.SmallPoolSize);
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = DatabaseUrl.AdoNetInvariant;
                options.ConnectionString = small;
            });

            silo.AddPlatformGrainStorage(small);
        });
    }
}
