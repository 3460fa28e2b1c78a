using GraphQL;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Domain.Webhooks;
using Platform.Gateway.Operations;
using Platform.Storage.Webhooks;

namespace Platform.Gateway.Tests;

/// <summary>createWebhook follows the deployment's target policy before anything is stored.</summary>
public sealed class WebhookRegistrationTests
{
    [Theory]
    [InlineData("http://hooks.partner.example/", "https")]
    [InlineData("https://127.0.0.1/hook", "public_address")]
    [InlineData("https://[::1]/hook", "public_address")]
    [InlineData("https://169.254.169.254/", "public_address")]
    public async Task AStrictDeploymentRefusesLocalAndPlainHttpTargets(string url, string rule)
    {
        // The data source is never opened: a refused URL must not reach the store.
        await using var dataSource = NpgsqlDataSource.Create("Host=unreachable.invalid");
        var webhooks = new WebhookService(new WebhookStore(dataSource), Options.Create(new WebhookOptions()));

        var refused = await Assert.ThrowsAnyAsync<ExecutionError>(() => webhooks.CreateAsync("shop", url, [WebhookEvent.CampaignKpis], null, "partner-secret-0123456789", CancellationToken.None));

        Assert.Equal(("INVALID_ARGUMENT", "url", rule), (refused.Code, refused.Extensions!["field"], refused.Extensions["rule"]));
    }

    [Theory]
    [InlineData(new string[0], "campaignIds")]
    [InlineData(new[] { "cmp-1", "" }, "campaignIds[1]")]
    public async Task CampaignIdsMustBeSomeAndShort(string[] campaignIds, string field)
    {
        await using var dataSource = NpgsqlDataSource.Create("Host=unreachable.invalid");
        var webhooks = new WebhookService(new WebhookStore(dataSource), Options.Create(new WebhookOptions()));

        var refused = await Assert.ThrowsAnyAsync<ExecutionError>(() => webhooks.CreateAsync("shop", "https://hooks.example/", [WebhookEvent.CampaignKpis], campaignIds, "partner-secret-0123456789", CancellationToken.None));

        Assert.Equal(("INVALID_ARGUMENT", field), (refused.Code, refused.Extensions!["field"]));
    }
}
