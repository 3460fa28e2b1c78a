namespace Platform.Cli;

/// <summary>The keys file bootstrap writes: {"system": "...", "tenants": {"demo": {"admin": ..., "merchant": ..., "partner": ...}}}.</summary>
public static class KeysFile
{
    public static string MerchantKey(string path, string tenantId) =>
        GraphQLClient.ReadJsonFile(path)["tenants"]?[tenantId]?["merchant"]?.GetValue<string>()
        ?? throw new InvalidOperationException($"{path} has no merchant key for tenant '{tenantId}': pass --key, or run ./platform up first.");
}
