using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Platform.Cli.Bench;

/// <summary>The pieces of `bench import`: a generated history as a CSV file, the wait until profiles are exact, and the worker's memory.</summary>
public static class ImportBench
{
    /// <summary>
    /// Writes a shop's history: <paramref name="rows"/> events of <paramref name="shoppers"/> shoppers in time order (so every
    /// batch interleaves many shoppers), views, carts and purchases of 500 items over the last 90 days.
    /// </summary>
    public static async Task WriteHistoryAsync(string path, int shoppers, int rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var random = new Random(shoppers);
        await using var file = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        await file.WriteLineAsync("eventId,userId,type,occurredAt,itemId,amount,currency");
        var span = TimeSpan.FromDays(90).Ticks;
        for (var i = 0; i < rows; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var at = now.AddTicks(-span + (span * i / rows)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            var shopper = random.Next(shoppers);
            var roll = random.Next(10);
            var (type, amount) = roll < 7 ? ("VIEW", ",") : roll < 9 ? ("ADD_TO_CART", ",") : ("PURCHASE", $"{random.Next(5, 300)}.{random.Next(100):00},EUR");
            await file.WriteLineAsync($"e{i},shopper-{shopper},{type},{at},item-{random.Next(500)},{amount}");
        }

        // On disk before the import's window opens: its write-back would otherwise compete with the database's syncs then.
        await file.FlushAsync(cancellationToken);
        ((FileStream)file.BaseStream).Flush(flushToDisk: true);
    }

    /// <summary>Waits until every shopper's projection row holds the shopper's last logged event; returns how long that took.</summary>
    public static async Task<TimeSpan> WaitUntilExactAsync(string connectionString, string tenantId, TimeSpan limit, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var clock = Stopwatch.StartNew();
        while (await BehindAsync(dataSource, tenantId, cancellationToken) > 0)
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"profiles of {tenantId} were not exact after {limit.TotalSeconds:N0} s");
            }

            await Task.Delay(500, cancellationToken);
        }

        return clock.Elapsed;
    }

    /// <summary>
    /// Writes every dirty page to disk now (`CHECKPOINT`), so that a window measured next does not pay for the writes of the
    /// one before: a checkpoint spread over the next minutes stalls the commits' WAL flushes behind its file syncs. Returns
    /// why it could not (a role without the right to checkpoint), or null.
    /// </summary>
    public static async Task<string?> SettleAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("CHECKPOINT");
        command.CommandTimeout = 600;
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return null;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return exception.MessageText;
        }
    }

    /// <summary>Shoppers whose projection row does not hold their last logged event.</summary>
    private static async Task<long> BehindAsync(NpgsqlDataSource dataSource, string tenantId, CancellationToken cancellationToken)
    {
        // A new tenant has no statistics yet: the planner, believing each side one row, ran this as a nested loop over
        // both (minutes for 200,000 shoppers, and load on the database while other figures are measured).
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var planner = new NpgsqlCommand("SET LOCAL enable_nestloop = off", connection, transaction))
        {
            await planner.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE p.applied_seq IS DISTINCT FROM l.last)
            FROM (SELECT user_id, max(seq) AS last FROM events.log WHERE tenant_id = @tenant GROUP BY user_id) AS l
            LEFT JOIN users.profiles AS p ON p.tenant_id = @tenant AND p.user_id = l.user_id
            """, connection, transaction);
        command.Parameters.AddWithValue("tenant", tenantId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Samples a process's resident memory every 200 ms while a task runs; null when the process cannot be read.</summary>
    public sealed class ResidentMemory(int? pid) : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private Task? sampling;

        public long? BaselineBytes { get; private set; }

        public long? PeakBytes { get; private set; }

        public void Start()
        {
            BaselineBytes = PeakBytes = Read();
            sampling = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    if (Read() is { } now && now > (PeakBytes ?? 0))
                    {
                        PeakBytes = now;
                    }

                    await Task.Delay(200, CancellationToken.None);
                }
            });
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            if (sampling is not null)
            {
                await sampling;
            }

            stop.Dispose();
        }

        private long? Read()
        {
            if (pid is not { } id || !File.Exists($"/proc/{id}/status"))
            {
                return null;
            }

            try
            {
                var line = File.ReadLines($"/proc/{id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
            catch (IOException)
            {
                return null; // the process ended
            }
        }
    }
}
