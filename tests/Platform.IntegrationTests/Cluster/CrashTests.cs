using System.Collections.Concurrent;
using Npgsql;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Cluster;

/// <summary>A node killed with SIGKILL in the middle of sustained ingest loses no acknowledged event and half-applies none.</summary>
public sealed class CrashTests
{
    private const int Users = 40;
    private const int BatchSize = 200;

    [Fact]
    public async Task AfterASigkillEveryAcknowledgedEventIsLoggedAndFoldedAndNothingIsHalfApplied()
    {
        var settings = await NodeSettings.CreateAsync("crash");
        var sent = new ConcurrentDictionary<string, string>();   // event id -> user
        var acknowledged = new ConcurrentBag<string>();
        string merchant;
        NodePorts ports;
        await using (var node = await GatewayProcess.StartAsync(settings))
        {
            ports = node.Ports;
            using var http = new GraphQLHttp(node.GraphQLUri);
            (_, merchant) = await Tenants.CreateAsync(http, settings.SystemKey, "crash");
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 4).Select(client => Task.Run(async () =>
            {
                for (var batch = 0; !stop.IsCancellationRequested; batch++)
                {
                    var ids = Enumerable.Range(0, BatchSize).Select(i => $"c{client}-b{batch}-{i}").ToArray();
                    var events = ids.Select((id, i) =>
                    {
                        var user = $"s{(batch * BatchSize + i) % Users}";
                        sent[id] = user;
                        return Events.Purchase(id, user, 1m, DateTimeOffset.UtcNow.AddMinutes(-1));
                    }).ToArray();
                    try
                    {
                        var response = await http.PostAsync(merchant, Events.Ingest, new { events });
                        if (response.Status == System.Net.HttpStatusCode.OK && !response.HasErrors)
                        {
                            foreach (var id in ids)
                            {
                                acknowledged.Add(id);
                            }
                        }
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
                    {
                        return; // the node is gone: this batch may or may not be stored
                    }
                }
            })).ToList();

            await Task.Delay(TimeSpan.FromSeconds(4));
            await node.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(clients);
        }

        Assert.True(acknowledged.Count >= 4 * BatchSize, $"too little was acknowledged before the kill ({acknowledged.Count})");
        await using var restarted = await GatewayProcess.StartAsync(settings, ports); // the node restarts where it ran
        using var again = new GraphQLHttp(restarted.GraphQLUri);
        var logged = await LoggedEventsAsync(settings.ConnectionString);

        Assert.Empty(acknowledged.Except(logged.Keys));
        Assert.Empty(logged.Keys.Except(sent.Keys));
        foreach (var user in Enumerable.Range(0, Users).Select(s => $"s{s}"))
        {
            var inLog = logged.Count(e => e.Value == user);
            var profile = await ProfileAsync(again, merchant, user);
            Assert.Equal((inLog, (decimal)inLog), (profile.Purchases, profile.Revenue));
        }
    }

    /// <summary>Until the dead node is declared dead, calls can be refused: retry for a bounded time.</summary>
    private static async Task<(long Purchases, decimal Revenue)> ProfileAsync(GraphQLHttp http, string key, string userId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await http.PostAsync(key, "query($id: ID!) { user(id: $id) { purchases revenue } }", new { id = userId });
            if (!response.HasErrors && response.Data.GetProperty("user").ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                var user = response.Data.GetProperty("user");
                return (user.GetProperty("purchases").GetInt64(), user.GetProperty("revenue").GetDecimal());
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"user({userId}) kept failing: {response.Body}");
            }

            await Task.Delay(500);
        }
    }

    private static async Task<Dictionary<string, string>> LoggedEventsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT event_id, user_id FROM events.log", connection);
        var logged = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            logged[reader.GetString(0)] = reader.GetString(1);
        }

        return logged;
    }
}
