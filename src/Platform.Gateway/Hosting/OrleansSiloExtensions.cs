using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Platform.Abstractions;
using Platform.Grains;
using Platform.Grains.Persistence;
using Platform.Storage.Database;

namespace Platform.Gateway.Hosting;

public static class OrleansSiloExtensions
{
    /// <summary>Co-hosts a silo: membership, grain state and reminders all in the platform PostgreSQL database.</summary>
    public static void AddPlatformSilo(this IHostApplicationBuilder builder, OrleansEndpointOptions endpoint, string connectionString)
    {
        builder.UseOrleans(silo =>
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
            if (endpoint.RandomPlacement)
            {
                silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
            }

            var small = DatabaseUrl.WithPoolSize(connectionString, DatabaseUrl.SmallPoolSize);
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = DatabaseUrl.AdoNetInvariant;
                options.ConnectionString = small;
            });

            // Grain state shares the node's main connection pool with the event log.
            silo.AddAdoNetGrainStorage(GrainStorage.Name, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
                options.Configure<NpgsqlDataSource>((storage, dataSource) =>
                {
                    storage.Invariant = DatabaseUrl.AdoNetInvariant;
                    storage.DataSource = dataSource;
                    storage.GrainStorageSerializer = new StableJsonGrainStorageSerializer();
                }));
            silo.Services.AddSerializer(serializer => serializer.AddDomainTypes());
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = DatabaseUrl.AdoNetInvariant;
                options.ConnectionString = small;
            });
        });
    }
}
