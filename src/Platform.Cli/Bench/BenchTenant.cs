namespace Platform.Cli.Bench;

/// <summary>A fresh tenant for one bench run, with a rate limit high enough that the limiter is not what is measured.</summary>
public static class BenchTenant
{
    public static async Task<(string TenantId, string AdminKey)> CreateAsync(GraphQLClient client, string systemKey, string prefix, CancellationToken cancellationToken)
    {
        var tenantId = $"{prefix}-{DateTime.UtcNow:yyyyMMddHHmmss}";
        var admin = (await client.ExecuteAsync(systemKey, "mutation($i: CreateTenantInput!) { createTenant(input: $i) { adminSecret } }",
            new { i = new { id = tenantId, name = "Benchmark" } }, cancellationToken)).GetProperty("createTenant").GetProperty("adminSecret").GetString()!;
        await client.ExecuteAsync(systemKey, "mutation($i: SetTenantRateLimitInput!) { setTenantRateLimit(input: $i) { id } }",
            new { i = new { tenantId, requestsPerSecond = 100_000 } }, cancellationToken);
        return (tenantId, admin);
    }

    /// <summary>Gives each user a first view, so every user grain is active before a measured run.</summary>
    public static async Task GiveFirstViewsAsync(RawGraphQL api, IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var body in IngestBench.Bodies(users.Select((u, i) => new Domain.Events.EventDraft($"first-{i}", u, "VIEW", at, ItemId: "sku-1"))))
        {
            await api.PostAsync(body, cancellationToken);
        }
    }
}
