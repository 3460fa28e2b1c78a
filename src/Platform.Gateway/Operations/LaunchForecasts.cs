using Platform.Domain.Campaigns;

namespace Platform.Gateway.Operations;

/// <summary>
/// Makes and keeps a launched campaign's forecast in the background (docs/forecasts.md#forecast-against-actual): a launch
/// neither waits for the forecast nor fails with it. Whatever goes wrong is logged; the campaign then has no launch forecast.
/// </summary>
public sealed class LaunchForecasts(IServiceScopeFactory scopes, ILogger<LaunchForecasts> logger)
{
    /// <summary>Launch forecasts made at once on a node; more wait, so many launches cannot take every database connection.</summary>
    public const int AtOnce = 2;

    private readonly SemaphoreSlim slots = new(AtOnce, AtOnce);

    /// <summary>Makes the campaign's launch forecast; <paramref name="replace"/> replaces one it has (its design changed while SCHEDULED).</summary>
    public void Start(string tenantId, Campaign campaign, bool replace = false) => _ = Task.Run(async () =>
    {
        await slots.WaitAsync();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ForecastService>().RecordAtLaunchAsync(tenantId, campaign, replace, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The launch forecast of campaign {CampaignId} of tenant {TenantId} failed; it has none", campaign.Id, tenantId);
        }
        finally
        {
            slots.Release();
        }
    });
}
