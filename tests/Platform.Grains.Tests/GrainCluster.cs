using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;
using Platform.Abstractions;
using Platform.Grains.Campaigns;
using Platform.Storage;
using Platform.Testing;

namespace Platform.Grains.Tests;

/// <summary>
/// A one-silo Orleans TestCluster with the platform's grains, grain storage and reminders on a real, migrated
/// PostgreSQL database (the same configuration a gateway node uses); tests drive grains through their interfaces.
/// </summary>
public sealed class GrainCluster : IAsyncLifetime
{
    private const string ConnectionStringKey = "Tests:ConnectionString";

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>Not the default (3): a test that alerts after this many hours proves the setting reaches the grains.</summary>
    public const int AlertAfterHours = 2;

    public MigratedDatabase Database { get; } = new();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var builder = new TestClusterBuilder(1);
        builder.Options.ClusterId = $"grains-{Guid.NewGuid():N}";
        builder.Properties[ConnectionStringKey] = Database.ConnectionString;
        builder.Properties[$"{CampaignSettings.Section}:AlertAfterHours"] = AlertAfterHours.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddSiloBuilderConfigurator<Silo>();
        builder.AddClientBuilderConfigurator<Client>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Deactivates every idle grain, so the next call activates it from its stored state.</summary>
    public Task DeactivateAllAsync() => Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }

    private sealed class Client : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.Services.AddSerializer(serializer => serializer.AddDomainTypes());
    }

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var connectionString = silo.Configuration[ConnectionStringKey]!;
            silo.AddPlatformGrainStorage(connectionString);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddPlatformStorage(connectionString);
            silo.Services.AddPlatformGrains(silo.Configuration);
            silo.Services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(new InMemoryStorage()));
        }
    }
}
