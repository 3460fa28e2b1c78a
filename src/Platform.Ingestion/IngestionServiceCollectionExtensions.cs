using Microsoft.Extensions.DependencyInjection;
using Platform.Ingestion.Imports;

namespace Platform.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    public static IServiceCollection AddPlatformIngestion(this IServiceCollection services) =>
        services.AddSingleton<EventIngestion>()
            .AddSingleton<BulkProfileWriter>()
            .AddSingleton<UserWrites>()
            .AddSingleton<ExperimentImport>()
            .AddSingleton<ImportRunner>();
}
