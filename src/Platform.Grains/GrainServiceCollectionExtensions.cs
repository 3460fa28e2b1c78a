using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Platform.Grains.Campaigns;
using Platform.Grains.Placement;
using Platform.Grains.Profiles;

namespace Platform.Grains;

public static class GrainServiceCollectionExtensions
{
    /// <summary>What the grains of a silo need beside storage: per-node caches, the node's active users, node-pinned placement, write limiters and the batched row writers.</summary>
    public static IServiceCollection AddPlatformGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPlacementDirector<NodePinnedPlacement, NodePinnedPlacementDirector>();
        return services.Configure<CampaignSettings>(configuration.GetSection(CampaignSettings.Section))
            .AddSingleton<CatalogCache>()
            .AddSingleton<ActiveUsers>()
            .AddSingleton<StateWriteLimiter>()
            .AddSingleton<ProjectionWriter>()
            .AddHostedService(services => services.GetRequiredService<ProjectionWriter>())
            .AddSingleton<CampaignCache>()
            .AddSingleton<WebhookDispatcher>()
            .AddSingleton<EnrollmentWriter>()
            .AddHostedService(services => services.GetRequiredService<EnrollmentWriter>());
    }
}
