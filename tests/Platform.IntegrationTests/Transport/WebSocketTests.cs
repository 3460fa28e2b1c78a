using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Transport;

/// <summary>The graphql-transport-ws protocol, message by message, with its close codes.</summary>
public sealed class WebSocketTests(WebSocketTests.ShortInitTimeout platform) : IClassFixture<WebSocketTests.ShortInitTimeout>
{
    [Fact]
    public async Task AQueryOverWebSocketGivesNextThenComplete()
    {
        var (tenantId, admin) = await platform.CreateTenantAsync();
        await using var client = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri);

        Assert.Equal("connection_ack", (await client.InitialiseAsync(admin)).GetProperty("type").GetString());
        await client.SubscribeAsync("1", "{ tenant { id } }");
        var next = await client.ReceiveAsync();
        var complete = await client.ReceiveAsync();

        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal(tenantId, next.GetProperty("payload").GetProperty("data").GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal("complete", complete.GetProperty("type").GetString());
        Assert.Equal("1", complete.GetProperty("id").GetString());
    }

    [Fact]
    public async Task PingGetsPong()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        await using var client = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri);
        await client.InitialiseAsync(admin);

        await client.SendAsync(new { type = "ping" });

        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task AnInvalidKeyClosesWith4403()
    {
        await using var client = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri);

        await client.SendAsync(new { type = "connection_init", payload = new { apiKey = "pk_wrong" } });

        Assert.Equal(4403, (int?)await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task SubscribingBeforeInitialisingClosesWith4401()
    {
        await using var client = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri);

        await client.SubscribeAsync("1", "{ __typename }");

        Assert.Equal(4401, (int?)await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task ASecondInitialisationClosesWith4429()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        await using var client = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri);
        await client.InitialiseAsync(admin);

        await client.SendAsync(new { type = "connection_init", payload = new { apiKey = admin } });

        Assert.Equal(4429, (int?)await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task NotInitialisingInTimeClosesWith4408()
    {
        await using var client = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri);

        Assert.Equal(4408, (int?)await client.WaitForCloseAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AnInvalidMessageClosesWith4400()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        await using var client = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri);
        await client.InitialiseAsync(admin);

        await client.SendTextAsync("{\"type\": 12}");

        Assert.Equal(4400, (int?)await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task AnotherSubprotocolClosesWith4406()
    {
        await using var client = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri, "graphql-ws");

        Assert.Equal(4406, (int?)await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task ReusingALiveOperationIdClosesWith4409()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var run = (await platform.Http.PostAsync(admin, "mutation { systemCheck { id } }")).Data.GetProperty("systemCheck").GetProperty("id").GetString();
        await using var client = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri);
        await client.InitialiseAsync(admin);
        const string Subscription = "subscription($id: ID!) { systemCheckProgress(id: $id) { status } }";

        await client.SubscribeAsync("same", Subscription, new { id = run });
        var first = await client.ReceiveAsync(); // no worker in this class: the run stays QUEUED and the stream stays open
        await client.SubscribeAsync("same", Subscription, new { id = run });

        Assert.Equal("QUEUED", first.GetProperty("payload").GetProperty("data").GetProperty("systemCheckProgress").GetProperty("status").GetString());
        Assert.Equal(4409, (int?)await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task AForbiddenSubscriptionGetsAnErrorMessageAndTheConnectionStays()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var partner = await platform.CreateKeyAsync(admin, "PARTNER");
        await using var client = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri);
        await client.InitialiseAsync(partner);

        await client.SubscribeAsync("1", "subscription { systemCheckProgress(id: \"00000000-0000-0000-0000-000000000000\") { status } }");
        var error = await client.ReceiveAsync();
        await client.SendAsync(new { type = "ping" });

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("FORBIDDEN", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task RevokingTheKeyClosesItsOpenConnections()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var merchant = await platform.CreateKeyAsync(admin, "MERCHANT");
        await using var client = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri);
        await client.InitialiseAsync(merchant);

        await Tenants.RevokeKeyAsync(platform.Http, admin, "MERCHANT");

        Assert.Equal(4403, (int?)await client.WaitForCloseAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task AnUnknownRunCompletesWithANotFoundError()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        await using var client = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri);
        await client.InitialiseAsync(admin);

        await client.SubscribeAsync("1", "subscription { systemCheckProgress(id: \"00000000-0000-0000-0000-000000000000\") { status } }");
        var message = await client.ReceiveAsync();

        var payload = message.GetProperty("payload");
        var errors = message.GetProperty("type").GetString() == "error" ? payload : payload.GetProperty("errors");
        Assert.Equal("NOT_FOUND", errors[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.NotEqual(JsonValueKind.Undefined, errors.ValueKind);
    }

    [Fact]
    public async Task AConnectionRunsAtMostItsLimitOfOperationsAndCompletingOneFreesASlot()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var run = (await platform.Http.PostAsync(admin, "mutation { systemCheck { id } }")).Data.GetProperty("systemCheck").GetProperty("id").GetString();
        await using var client = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri);
        await client.InitialiseAsync(admin);
        const string Subscription = "subscription($id: ID!) { systemCheckProgress(id: $id) { status } }";

        await client.SubscribeAsync("a", Subscription, new { id = run });
        await client.SubscribeAsync("b", Subscription, new { id = run });
        var firstTwo = new[] { await client.ReceiveAsync(), await client.ReceiveAsync() };
        await client.SubscribeAsync("c", Subscription, new { id = run });
        var refused = await client.ReceiveAsync();
        await client.SendAsync(new { id = "a", type = "complete" });
        await client.SubscribeAsync("d", Subscription, new { id = run });
        var admitted = await client.ReceiveAsync();

        Assert.All(firstTwo, m => Assert.Equal("next", m.GetProperty("type").GetString()));
        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Equal("TOO_MANY_OPERATIONS", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(("next", "d"), (admitted.GetProperty("type").GetString(), admitted.GetProperty("id").GetString()));
    }

    public sealed class ShortInitTimeout : PlatformFixture
    {
        protected override IReadOnlyDictionary<string, string> Overrides { get; } = new Dictionary<string, string>
        {
            ["Platform:GraphQL:ConnectionInitTimeout"] = "00:00:02",
            ["Platform:GraphQL:WebSocketMaxOperations"] = "2",
        };
    }
}
