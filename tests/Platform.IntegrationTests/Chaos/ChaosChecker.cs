using System.Text.Json;
using Npgsql;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Chaos;

/// <summary>What a fault run did to the data: every figure the checker proves or refutes.</summary>
public sealed record ChaosReport(
    string Fault, int Seed, long Sent, long Acknowledged, long Stored, long Lost, long Duplicated, long Unknown, long FailedAttempts,
    int Users, int ProfilesWrong, TimeSpan? Recovery, TimeSpan Duration, IReadOnlyList<string> Problems)
{
    public bool Passed => Lost == 0 && Duplicated == 0 && Unknown == 0 && ProfilesWrong == 0 && Recovery is not null && Problems.Count == 0;

    public string Row =>
        $"| {Fault} | {Seed} | {Acknowledged:N0} of {Sent:N0} sent | {Stored:N0} | {Lost} | {Duplicated} | {Unknown} | {ProfilesWrong} of {Users} | " +
        $"{(Recovery is { } r ? $"{r.TotalSeconds:F1} s" : "never")} | {FailedAttempts:N0} | {Duration.TotalSeconds:F0} s |";

    public const string Header = """
        | fault | seed | events acknowledged | stored | lost | duplicated | stored but never sent | profiles not equal to the log | recovery | failed attempts (retried) | run |
        |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
        """;
}

/// <summary>
/// After a fault run, with the cluster serving again: every acknowledged event is in the log, nothing is in the log that
/// was not sent, and every user's profile (read through the API) holds exactly the purchases the log holds — so no event
/// was applied twice. (The log's unique index on event ids already keeps an event from being stored twice; the
/// duplicated count reads it back.)
/// </summary>
public static class ChaosChecker
{
    public static async Task<ChaosReport> CheckAsync(ChaosCluster cluster, IngestLoad load, string fault, int seed, TimeSpan? recovery, TimeSpan duration)
    {
        var logged = await LoggedAsync(cluster);
        var acknowledged = load.Acknowledged.ToHashSet();
        var problems = new List<string>();
        var lost = acknowledged.Count(id => !logged.ContainsKey(id));
        var duplicated = logged.Values.Count(e => e.Copies > 1);
        var unknown = logged.Keys.Count(id => !load.Sent.ContainsKey(id));
        var users = logged.Values.GroupBy(e => e.User).ToDictionary(g => g.Key, g => g.Count());
        var wrong = 0;
        using var http = new GraphQLHttp(cluster.GraphQLUri(0), TimeSpan.FromSeconds(10));
        var giveUp = DateTime.UtcNow.AddMinutes(3); // past it, each remaining profile is read once
        foreach (var (user, purchases) in users)
        {
            var until = DateTime.UtcNow.AddSeconds(60) < giveUp ? DateTime.UtcNow.AddSeconds(60) : giveUp;
            var profile = await EventuallyProfileAsync(http, cluster.Key, user, purchases, until);
            if (profile != purchases)
            {
                wrong++;
                problems.Add($"{user}: the profile holds {profile} purchases, the log {purchases}");
            }
        }

        return new ChaosReport(fault, seed, load.Sent.Count, acknowledged.Count, logged.Count, lost, duplicated, unknown, load.FailedAttempts,
            users.Count, wrong, recovery, duration, problems);
    }

    private static async Task<Dictionary<string, (string User, long Copies)>> LoggedAsync(ChaosCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT event_id, min(user_id), count(*) FROM events.log WHERE tenant_id = @tenant GROUP BY event_id", connection);
        command.Parameters.AddWithValue("tenant", cluster.TenantId);
        var logged = new Dictionary<string, (string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            logged[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2));
        }

        return logged;
    }

    /// <summary>The profile's purchases once they equal the log's (profiles follow the log), or what they are at <paramref name="until"/>.</summary>
    private static async Task<long> EventuallyProfileAsync(GraphQLHttp http, string key, string user, long expected, DateTime until)
    {
        long seen = -1;
        do
        {
            try
            {
                var response = await http.PostAsync(key, "query($id: ID!) { user(id: $id) { purchases } }", new { id = user });
                if (!response.HasErrors && response.Data.GetProperty("user").ValueKind == JsonValueKind.Object)
                {
                    seen = response.Data.GetProperty("user").GetProperty("purchases").GetInt64();
                    if (seen == expected)
                    {
                        return seen;
                    }
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // The node is still coming back.
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < until);

        return seen;
    }
}
