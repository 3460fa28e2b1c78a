using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Platform.Abstractions;
using Platform.Grains.Persistence;
using Platform.Storage.Database;

namespace Platform.Grains;

public static class GrainStorageSiloExtensions
{
    /// <summary>
    /// Grain state (stable JSON, decision 003) and reminders in the platform PostgreSQL database, and the wire types.
    /// Grain state shares the node's main connection pool with the event log; reminders use <paramref name="reminderConnectionString"/>.
    /// </summary>
    public static ISiloBuilder AddPlatformGrainStorage(this ISiloBuilder silo, string reminderConnectionString)
    {
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
            options.ConnectionString = reminderConnectionString;
        });
        return silo;
    }
}
