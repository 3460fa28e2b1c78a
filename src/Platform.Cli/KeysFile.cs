namespace Platform.Cli;

/// <summary>The keys file bootstrap writes: {"system": "...", "tenants": {"demo": {"admin": ..., "merchant": ..., "partner": ...}}}.</summary>
public static class KeysFile
{
    public static string SystemKey(string path) =>
        GraphQLClient.ReadJsonFile(path)["system"]?.GetValue<string>()
        ?? throw new InvalidOperationException($"{path} has no system key: run ./platform up first.");

    public static string Key(string path, string tenantId, string role) =>
        GraphQLClient.ReadJsonFile(path)["tenants"]?[tenantId]?[role]?.GetValue<string>()
        ?? throw new InvalidOperationException($"{path} has no {role} key for tenant '{tenantId}': pass --key, or run ./platform up first.");
}
