using Npgsql;

namespace Platform.Storage.Operations;

/// <summary>One figure of the whole platform (every tenant, every node), with up to two labels ("" when unused).</summary>
public sealed record OperationalFigure(string Name, string First, string Second, double Value);

/// <summary>
/// The platform's work as the database records it, read in one statement for /metrics: import rows by outcome, imports and
/// campaigns by status, webhook deliveries of the last 24 hours by status, job queue lengths, training runs and model
/// versions, and training durations over the last 7 days. Every figure is cluster-wide, so every gateway node exports the same values.
/// </summary>
public sealed class OperationalFigures(NpgsqlDataSource dataSource)
{
    private const string Query = """
        SELECT 'import_rows', kind, o.outcome, sum(o.rows)::float8
          FROM imports.jobs CROSS JOIN LATERAL (VALUES ('accepted', rows_accepted), ('unchanged', rows_unchanged),
               ('duplicate', rows_duplicate), ('rejected', rows_rejected), ('dropped', rows_dropped)) AS o(outcome, rows)
          GROUP BY kind, o.outcome
        UNION ALL SELECT 'imports', status, '', count(*) FROM imports.jobs GROUP BY status
        UNION ALL SELECT 'webhook_deliveries', status, '', count(*) FROM campaigns.webhook_deliveries
          WHERE created_at > now() - interval '1 day' GROUP BY status
        UNION ALL SELECT 'campaigns', status, '', count(*) FROM campaigns.campaigns GROUP BY status
        UNION ALL SELECT 'queue_length', queue, '', count(*) FROM hangfire.jobqueue WHERE fetchedat IS NULL GROUP BY queue
        UNION ALL SELECT 'training_runs', task, status, count(*) FROM models.training_runs GROUP BY task, status
        UNION ALL SELECT 'model_versions', task, status, count(*) FROM models.versions GROUP BY task, status
        UNION ALL SELECT 'training_seconds', task, q.quantile, q.seconds FROM (
            SELECT task,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at)) AS p50,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at)) AS p95,
                   max(extract(epoch FROM finished_at - started_at))::float8 AS longest
              FROM models.training_runs
             WHERE status = 'SUCCEEDED' AND started_at IS NOT NULL AND finished_at > now() - interval '7 days'
             GROUP BY task) t
          CROSS JOIN LATERAL (VALUES ('0.5', t.p50), ('0.95', t.p95), ('1', t.longest)) AS q(quantile, seconds)
        """;

    public async Task<IReadOnlyList<OperationalFigure>> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var figures = new List<OperationalFigure>();
        while (await reader.ReadAsync(cancellationToken))
        {
            figures.Add(new OperationalFigure(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3)));
        }

        return figures;
    }
}
