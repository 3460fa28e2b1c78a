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
        services.AddOptions<CampaignSettings>().Bind(configuration.GetSection(CampaignSettings.Section))
            .Validate(o => o.AlertAfterHours is >= 1 and <= 168, $"{CampaignSettings.Section}:AlertAfterHours must be from 1 to 168 (the hours read are the latest 7 days).")
            .ValidateOnStart();
        return services
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
