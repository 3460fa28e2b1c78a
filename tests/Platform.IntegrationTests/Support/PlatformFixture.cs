namespace Platform.IntegrationTests.Support;

/// <summary>A fresh database and one gateway node for a test class, with helpers to make tenants and keys.</summary>
public class PlatformFixture : IAsyncLifetime
{
    public NodeSettings Settings { get; private set; } = null!;

    public GatewayNode Node { get; private set; } = null!;

    public GraphQLHttp Http { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string> Overrides { get; } = new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        Settings = await NodeSettings.CreateAsync(GetType().Name.ToLowerInvariant());
        Node = await GatewayNode.StartAsync(Settings, Overrides);
        Http = new GraphQLHttp(Node.GraphQLUri);
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await Node.DisposeAsync();
    }

    /// <summary>Creates a tenant with a unique id and returns (id, admin secret).</summary>
    public Task<(string TenantId, string AdminKey)> CreateTenantAsync(string prefix = "shop") => Tenants.CreateAsync(Http, Settings.SystemKey, prefix);

    public Task<string> CreateKeyAsync(string adminKey, string role) => Tenants.CreateKeyAsync(Http, adminKey, role);
}
