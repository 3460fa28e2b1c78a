using System.Net;
using System.Text.Json;
using Platform.IntegrationTests.Support;
using Platform.Testing;

namespace Platform.IntegrationTests.Cluster;

/// <summary>
/// A node whose database is down answers 503 <c>UNAVAILABLE</c> with <c>Retry-After</c> (it was an empty 500 when the key
/// could not be checked), closes a new WebSocket's <c>connection_init</c> with 4500, keeps its open WebSocket connections,
/// and serves again once the database is back.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task RequestsAreRefusedAsUnavailableWhileTheDatabaseIsDownAndServedOnceItIsBack()
    {
        var database = await PostgresServer.StartPrivateAsync();
        var settings = new NodeSettings(await database.CreateDatabaseAsync("outage"), $"sys_test_{Guid.NewGuid():N}", $"outage-{Guid.NewGuid():N}"[..20]);
        await using var node = await GatewayProcess.StartAsync(settings);
        using var http = new GraphQLHttp(node.GraphQLUri);
        var (tenantId, admin) = await Tenants.CreateAsync(http, settings.SystemKey);
        await using var socket = await WebSocketClient.ConnectAsync(node.GraphQLUri);
        Assert.Equal("connection_ack", (await socket.InitialiseAsync(admin)).GetProperty("type").GetString());

        GraphQLResponse refused;
        int? initClosedWith;
        string? initReason;
        await database.StopAsync();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3)); // past the node's key cache, and three of the socket's key checks
            refused = await http.PostAsync(admin, "{ tenant { id } }");
            await using var late = await WebSocketClient.ConnectAsync(node.GraphQLUri);
            Assert.Equal(JsonValueKind.Undefined, (await late.InitialiseAsync(admin)).ValueKind); // closed, no ack
            initClosedWith = (int?)late.CloseStatus;
            initReason = late.CloseDescription;
        }
        finally
        {
            await database.RestartAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal(["UNAVAILABLE"], refused.ErrorCodes);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(4500, initClosedWith);
        Assert.StartsWith("UNAVAILABLE", initReason);

        var served = await Eventually.ReadUntilAsync(() => http.PostAsync(admin, "{ tenant { id } }"), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.Equal(tenantId, served.Data.GetProperty("tenant").GetProperty("id").GetString());

        // The connection opened before the outage is still open and answers.
        await socket.SubscribeAsync("after", "{ tenant { id } }");
        var next = await socket.ReceiveAsync();
        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal(tenantId, next.GetProperty("payload").GetProperty("data").GetProperty("tenant").GetProperty("id").GetString());
        Assert.Null(socket.CloseStatus);
    }
}
