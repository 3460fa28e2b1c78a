namespace Platform.IntegrationTests.Support;

/// <summary>What every node of one test cluster shares: database, system key, cluster id.</summary>
public sealed record NodeSettings(string ConnectionString, string SystemKey, string ClusterId)
{
    public static async Task<NodeSettings> CreateAsync(string prefix)
    {
        var database = await (await Platform.Testing.PostgresServer.InstanceAsync()).CreateDatabaseAsync(prefix);
        return new NodeSettings(database, $"sys_test_{Guid.NewGuid():N}", $"test-{Guid.NewGuid():N}"[..20]);
    }
}
