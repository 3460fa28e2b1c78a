using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Cli.Demo;
using Platform.Domain.Events;
using Platform.Simulation;
using Platform.Storage.Events;

namespace Platform.Cli.Bench;

/// <summary>
/// Sustained ingest through GraphQL: the simulated shop's events in time order (as a live stream
/// interleaves users), batches of 1,000, 4 clients. A cold pass meets every user for the first time
/// (each grain activates and reads its state); a warm pass sends the same events again under new ids to
/// users whose grains are active. The baseline writes the warm pass's rows with one binary COPY into a
/// table with the event log's columns and indexes, so the ratio is what durability and live profiles cost.
/// </summary>
public sealed class IngestBench(HttpClient http, Uri endpoint, string connectionString)
{
    public const int BatchSize = 1_000;
    public const int Clients = 4;

    /// <summary>
    /// The bodies of both passes, the warm pass's rows, the users with events (some simulated users have none), and, when
    /// asked for, the warm pass's events under other ids again as tracker source batches (Segment messages).
    /// </summary>
    public sealed record Workload(
        IReadOnlyList<string> UserIds, IReadOnlyList<string> ColdBodies, IReadOnlyList<string> WarmBodies, IReadOnlyList<BehaviorEvent> WarmRows,
        IReadOnlyList<string> TrackerBodies, IReadOnlyList<string> SpreadBodies)
    {
        public long Events => WarmRows.Count;
    }

    /// <param name="spread">Also the warm pass's events under other ids again, for a pass spread over two nodes.</param>
    public static Workload Prepare(int users, DateTimeOffset now, bool viaTracker = false, bool spread = false)
    {
        var world = new SimulatedWorld(new WorldOptions(Seed: 99, Users: users, Now: now));
        var stories = Enumerable.Range(0, users).AsParallel().AsOrdered().Select(world.Story).ToList();
        var events = stories.SelectMany(s => s.Events).OrderBy(e => e.OccurredAt, StringComparer.Ordinal).ToList();
        var warm = events.Select(e => e with { EventId = "w" + e.EventId }).ToList();
        var rows = warm.Select(e => EventValidator.Validate(e, now, TimeSpan.FromDays(730)).Event
            ?? throw new InvalidOperationException($"simulated event {e.EventId} is invalid")).ToList();
        var tracked = viaTracker ? TrackerClient.Bodies(events.Select(e => e with { EventId = "t" + e.EventId })) : [];
        var spreadBodies = spread ? Bodies(events.Select(e => e with { EventId = "n" + e.EventId })) : [];
        return new Workload(stories.Where(s => s.Events.Count > 0).Select(s => s.User.Id).ToList(), Bodies(events), Bodies(warm), rows, tracked, spreadBodies);
    }

    /// <summary>Sends every ingestEvents body with <see cref="Clients"/> clients; returns events a second.</summary>
    public Task<double> RunAsync(string apiKey, IReadOnlyList<string> bodies, long events, ProgressLine progress, CancellationToken cancellationToken) =>
        RunSpreadAsync(apiKey, [endpoint], bodies, events, progress, cancellationToken);

    /// <summary>Sends every ingestEvents body with <see cref="Clients"/> clients, client c to endpoint c mod n; returns events a second.</summary>
    public Task<double> RunSpreadAsync(string apiKey, IReadOnlyList<Uri> endpoints, IReadOnlyList<string> bodies, long events, ProgressLine progress, CancellationToken cancellationToken)
    {
        var nodes = endpoints.Select(e => new RawGraphQL(http, e, apiKey)).ToArray();
        return RunAsync((client, body, cancel) => nodes[client % nodes.Length].PostAsync(body, cancel), bodies, events, progress, cancellationToken);
    }

    /// <summary>Sends every tracker source batch with <see cref="Clients"/> clients; returns events a second.</summary>
    public Task<double> RunTrackerAsync(string writeKey, IReadOnlyList<string> bodies, long events, ProgressLine progress, CancellationToken cancellationToken) =>
        RunAsync((_, body, cancel) => new TrackerClient(http, endpoint).PostAsync(writeKey, body, cancel), bodies, events, progress, cancellationToken);

    private static async Task<double> RunAsync(
        Func<int, string, CancellationToken, Task> post, IReadOnlyList<string> bodies, long events, ProgressLine progress, CancellationToken cancellationToken)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            for (var i = Interlocked.Increment(ref next); i < bodies.Count; i = Interlocked.Increment(ref next))
            {
                await post(client, bodies[i], cancellationToken);
                lock (progress)
                {
                    progress.Value = Math.Min(progress.Total, progress.Value + events / bodies.Count);
                }
            }
        }));
        progress.Value = progress.Total;
        return events / clock.Elapsed.TotalSeconds;
    }

    /// <summary>How long after now the profile projection holds the tenant's last logged event (every user's profile folded it).</summary>
    public async Task<TimeSpan> WaitForProfilesAsync(string tenantId, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT last_seq FROM events.log_head WHERE tenant_id = @tenant)
                 = (SELECT max(applied_seq) FROM users.profiles WHERE tenant_id = @tenant)
            """, connection);
        command.Parameters.AddWithValue("tenant", tenantId);
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return clock.Elapsed;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException("The profiles did not catch up with the log in 5 minutes.");
    }

    /// <summary>
    /// One binary COPY of the rows into an empty scratch copy of the event log (same columns and indexes); returns rows a
    /// second, timed to the end of the COPY (the commit's flush is not counted). With <paramref name="intoLog"/>, into the
    /// event log itself instead, under a scratch tenant, rolled back once the COPY has completed: the table the API writes
    /// to, with its indexes as large as they are.
    /// </summary>
    public async Task<double> CopyAsync(string tenantId, IReadOnlyList<BehaviorEvent> rows, bool intoLog, CancellationToken cancellationToken)
    {
        var scratch = $"bench_copy_{Guid.NewGuid():N}"[..32];
        var table = intoLog ? "events.log" : $"events.{scratch}";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!intoLog)
        {
            await ExecuteAsync(connection, $"CREATE TABLE {table} (LIKE events.log INCLUDING ALL)", cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        try
        {
            var clock = Stopwatch.StartNew();
            await using (var writer = await connection.BeginBinaryImportAsync(
                $"COPY {table} (tenant_id, seq, event_id, user_id, user_hash, type, occurred_at, item_id, category_id, quantity, amount, currency, campaign_id, rating, query, duration_seconds, properties) FROM STDIN (FORMAT BINARY)",
                cancellationToken))
            {
                long seq = 0;
                foreach (var e in rows)
                {
                    await writer.StartRowAsync(cancellationToken);
                    await writer.WriteAsync(intoLog ? scratch : tenantId, NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync(++seq, NpgsqlDbType.Bigint, cancellationToken);
                    await writer.WriteAsync(e.EventId, NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync(e.UserId, NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync(EventLog.StoredUserHash(e.UserId), NpgsqlDbType.Integer, cancellationToken);
                    await writer.WriteAsync((short)e.Type, NpgsqlDbType.Smallint, cancellationToken);
                    await writer.WriteAsync(e.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                    await WriteAsync(writer, e.ItemId, NpgsqlDbType.Text, cancellationToken);
                    await WriteAsync(writer, e.CategoryId, NpgsqlDbType.Text, cancellationToken);
                    await WriteAsync(writer, e.Quantity, NpgsqlDbType.Integer, cancellationToken);
                    await WriteAsync(writer, e.Amount, NpgsqlDbType.Numeric, cancellationToken);
                    await WriteAsync(writer, e.Currency, NpgsqlDbType.Char, cancellationToken);
                    await WriteAsync(writer, e.CampaignId, NpgsqlDbType.Text, cancellationToken);
                    await WriteAsync(writer, e.Rating, NpgsqlDbType.Numeric, cancellationToken);
                    await WriteAsync(writer, e.Query, NpgsqlDbType.Text, cancellationToken);
                    await WriteAsync(writer, e.DurationSeconds, NpgsqlDbType.Double, cancellationToken);
                    await WriteAsync(writer, e.Properties is null ? null : JsonSerializer.Serialize(e.Properties), NpgsqlDbType.Jsonb, cancellationToken);
                }

                await writer.CompleteAsync(cancellationToken);
            }

            return rows.Count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await transaction.RollbackAsync(CancellationToken.None);
            if (!intoLog)
            {
                await ExecuteAsync(connection, $"DROP TABLE {table}", CancellationToken.None);
            }
        }
    }

    /// <summary>ingestEvents request bodies of <see cref="BatchSize"/> events each.</summary>
    public static List<string> Bodies(IEnumerable<EventDraft> events) =>
        events.Chunk(BatchSize)
            .Select(batch => JsonSerializer.Serialize(new { query = ApiInputs.IngestEvents, variables = new { events = batch.Select(ApiInputs.Event) } }))
            .ToList();

    private static async Task WriteAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await writer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await writer.WriteAsync(value, type, cancellationToken);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
