using System.Net;
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
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = DatabaseUrl.AdoNetInvariant;
                options.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage(GrainStorage.Name, options =>
            {
                options.Invariant = DatabaseUrl.AdoNetInvariant;
                options.ConnectionString = connectionString;
                options.GrainStorageSerializer = new StableJsonGrainStorageSerializer();
            });
            silo.Services.AddSerializer(serializer => serializer.AddDomainTypes());
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = DatabaseUrl.AdoNetInvariant;
                options.ConnectionString = connectionString;
            });
        });
    }
}
