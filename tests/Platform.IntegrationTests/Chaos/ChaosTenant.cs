using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Chaos;

/// <summary>
/// A tenant of a fault run, set up through the API as a merchant would: a partner key, two RUNNING campaigns with no
/// holdout (every enrolled shopper is treatment, so every exposure and redemption counts in the KPIs) — one without a
/// budget whose KPIs the checker compares with the log, one with a small budget the load runs out — and a webhook for
/// every campaign's KPI and status updates, to an endpoint path of its own (<see cref="WebhookPath"/>), signed with
/// <see cref="WebhookSecret"/>.
/// </summary>
public sealed record ChaosTenant(string Id, string AdminKey, string PartnerKey, string CampaignId, string BudgetCampaignId, string WebhookId)
{
    /// <summary>The budgeted campaign's budget; each redemption of the load costs <see cref="Discount"/>.</summary>
    public const decimal Budget = 100m, Discount = 1m;

    private const string Create = "mutation($d: CampaignDesignInput!) { createCampaign(design: $d) { id } }";
    private const string Launch = "mutation($id: ID!) { launchCampaign(id: $id) { status } }";
    private const string CreateWebhook = "mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { id } }";

    public string WebhookPath => $"/ok/{Id}";

    public string WebhookSecret => $"{Id}-secret";

    public static async Task<ChaosTenant> CreateAsync(GraphQLHttp http, string systemKey, string prefix, string webhookEndpoint)
    {
        var (id, admin) = await Tenants.CreateAsync(http, systemKey, prefix);
        (await http.PostAsync(systemKey, Tenants.SetRateLimit, new { tenant = id, perSecond = 100_000 })).AssertSuccess();
        var partner = await Tenants.CreateKeyAsync(http, admin, "PARTNER");
        var campaign = await LaunchAsync(http, admin, $"{prefix} KPIs", budget: null);
        var budgeted = await LaunchAsync(http, admin, $"{prefix} budget", Budget);
        var tenant = new ChaosTenant(id, admin, partner, campaign, budgeted, "");
        var webhook = await http.FieldAsync(admin, CreateWebhook,
            new { i = new { url = webhookEndpoint + tenant.WebhookPath, events = new[] { "CAMPAIGN_KPIS", "CAMPAIGN_STATUS" }, secret = tenant.WebhookSecret } }, "createWebhook");
        return tenant with { WebhookId = webhook.GetProperty("id").GetString()! };
    }

    private static async Task<string> LaunchAsync(GraphQLHttp http, string admin, string name, decimal? budget)
    {
        var now = DateTimeOffset.UtcNow;
        var design = new { name, type = "PERCENT_OFF", value = 10, channel = "EMAIL", startsAt = now.AddHours(-1), endsAt = now.AddDays(2), holdoutShare = 0, budget };
        var id = (await http.FieldAsync(admin, Create, new { d = design }, "createCampaign")).GetProperty("id").GetString()!;
        await http.FieldAsync(admin, Launch, new { id }, "launchCampaign");
        return id;
    }
}
