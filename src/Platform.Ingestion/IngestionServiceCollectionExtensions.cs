using Microsoft.Extensions.DependencyInjection;

namespace Platform.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    public static IServiceCollection AddPlatformIngestion(this IServiceCollection services) =>
        services.AddSingleton<EventIngestion>().AddSingleton<ShopperWrites>();
}
