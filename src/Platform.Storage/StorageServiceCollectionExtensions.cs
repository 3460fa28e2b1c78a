using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Storage.ApiKeys;
using Platform.Storage.Audiences;
using Platform.Storage.Campaigns;
using Platform.Storage.Catalog;
using Platform.Storage.Database;
using Platform.Storage.Events;
using Platform.Storage.Experiments;
using Platform.Storage.Imports;
using Platform.Storage.Migrations;
using Platform.Storage.Users;
using Platform.Storage.SystemChecks;
using Platform.Storage.Trackers;
using Platform.Storage.Webhooks;

using Platform.Storage.Models;
using Platform.Storage.Training;

namespace Platform.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers one pooled data source for the platform database and the stores built on it.</summary>
    public static IServiceCollection AddPlatformStorage(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(DatabaseUrl.ForPool(connectionString, DatabaseUrl.MainPoolSize)));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<DatabaseSetup>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<SystemCheckStore>();
        services.AddSingleton<EventLog>();
        services.AddSingleton<FeedLayouts>();
        services.AddSingleton<UserSnapshotStore>();
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<ProfileProjection>();
        services.AddSingleton<ErasureStore>();
        services.AddSingleton<AudienceQueries>();
        services.AddSingleton<SegmentStore>();
        services.AddSingleton<ImportStore>();
        services.AddSingleton<ExperimentStore>();
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<CampaignOutcomeStore>();
        services.AddSingleton<KpiHistoryStore>();
        services.AddSingleton<CampaignForecastStore>();
        services.AddSingleton<CampaignAudienceStore>();
        services.AddSingleton<OptimizationStore>();
        services.AddSingleton<CampaignTrackingReader>();
        services.AddSingleton<CampaignChargeStore>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<TrackerMessageStore>();
        services.AddSingleton<ServerInfo>();
        services.AddSingleton<TrainingRunStore>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<Operations.OperationalFigures>();
        services.AddSingleton<UpliftRowReader>();
        services.AddSingleton<UserScoreRowReader>();
        services.AddSingleton<ItemInteractionReader>();
        services.AddSingleton<RetrainingScheduleStore>();
        services.AddSingleton<DataArrivals>();
        services.AddSingleton<CurrentUserFeatures>();
        services.AddSingleton<AudienceFeatures>();
        services.AddSingleton<UserScoreStore>();
        services.AddSingleton<DriftCheck>();
        return services;
    }
}
