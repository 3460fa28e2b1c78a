using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Cli.Commands;

/// <summary>
/// Makes sure a tenant exists with ADMIN, MERCHANT, PARTNER and TRACKER keys recorded in the keys file
/// ({"system": "...", "tenants": {"demo": {"admin": ..., "merchant": ..., "partner": ..., "tracker": ...}}}).
/// Keys already in the file that still work are kept, so running it again changes nothing.
/// </summary>
public sealed class BootstrapCommand(GraphQLClient client, TrackerClient tracker, TextWriter output)
{
    private static readonly string[] Roles = ["admin", "merchant", "partner", "tracker"];

    public async Task<int> RunAsync(string keysPath, string tenantId, string tenantName, CancellationToken cancellationToken)
    {
        var keys = GraphQLClient.ReadJsonFile(keysPath);
        var systemKey = keys["system"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"{keysPath} has no system key.");
        var tenants = keys["tenants"] as JsonObject ?? [];
        keys["tenants"] = tenants;
        var tenant = tenants[tenantId] as JsonObject ?? [];
        tenants[tenantId] = tenant;

        if (!await WorksAsync(tenant["admin"]?.GetValue<string>(), cancellationToken))
        {
            var created = await client.ExecuteAsync(
                systemKey,
                "mutation($input: CreateTenantInput!) { createTenant(input: $input) { adminSecret } }",
                new { input = new { id = tenantId, name = tenantName } },
                cancellationToken);
            tenant["admin"] = created.GetProperty("createTenant").GetProperty("adminSecret").GetString();
            foreach (var role in Roles.Skip(1))
            {
                tenant.Remove(role);
            }

            output.WriteLine($"Created tenant '{tenantId}'.");
        }

        var adminKey = tenant["admin"]!.GetValue<string>();
        foreach (var role in Roles.Skip(1))
        {
            if (await WorksAsync(tenant[role]?.GetValue<string>(), cancellationToken, onTrackerSource: role == "tracker"))
            {
                continue;
            }

            var created = await client.ExecuteAsync(
                adminKey,
                "mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }",
                new { input = new { role = role.ToUpperInvariant(), name = $"{tenantId} {role}" } },
                cancellationToken);
            tenant[role] = created.GetProperty("createApiKey").GetProperty("secret").GetString();
        }

        await File.WriteAllTextAsync(keysPath, keys.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        output.WriteLine($"Tenant '{tenantId}' keys are in {keysPath}.");
        return 0;
    }

    private async Task<bool> WorksAsync(string? key, CancellationToken cancellationToken, bool onTrackerSource = false)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        if (onTrackerSource)
        {
            try
            {
                await tracker.PostAsync(key, "{\"batch\":[]}", cancellationToken);
                return true;
            }
            catch (HttpRequestException exception) when (exception.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                return false;
            }
        }

        try
        {
            await client.ExecuteAsync(key, "{ tenant { id } }", cancellationToken: cancellationToken);
            return true;
        }
        catch (GraphQLClientException exception) when (exception.StatusCode == 401)
        {
            return false;
        }
    }
}
