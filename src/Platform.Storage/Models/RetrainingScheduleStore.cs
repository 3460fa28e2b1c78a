using Npgsql;
using Platform.Domain;
using Platform.Domain.Models;

namespace Platform.Storage.Models;

/// <summary>models.schedules: at most one retraining schedule per tenant and task.</summary>
public sealed class RetrainingScheduleStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "task, cron, time_zone, only_when_new_data, retrain_above_psi, created_at";

    public async Task<RetrainingSchedule> UpsertAsync(
        string tenantId, ModelTask task, string cron, string timeZone, bool onlyWhenNewData, double? retrainAbovePsi, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO models.schedules (tenant_id, task, cron, time_zone, only_when_new_data, retrain_above_psi)
            VALUES (@tenant, @task, @cron, @zone, @only_new, @psi)
            ON CONFLICT (tenant_id, task) DO UPDATE SET cron = EXCLUDED.cron, time_zone = EXCLUDED.time_zone,
                only_when_new_data = EXCLUDED.only_when_new_data, retrain_above_psi = EXCLUDED.retrain_above_psi
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("task", WireNames.ToWire(task));
        command.Parameters.AddWithValue("cron", cron);
        command.Parameters.AddWithValue("zone", timeZone);
        command.Parameters.AddWithValue("only_new", onlyWhenNewData);
        command.Parameters.Add(new NpgsqlParameter<double?>("psi", retrainAbovePsi));
        return (await ReadAsync(command, cancellationToken)).Single();
    }

    /// <summary>Removes the schedule; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string tenantId, ModelTask task, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM models.schedules WHERE tenant_id = @tenant AND task = @task");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("task", WireNames.ToWire(task));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<RetrainingSchedule?> FindAsync(string tenantId, ModelTask task, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM models.schedules WHERE tenant_id = @tenant AND task = @task");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("task", WireNames.ToWire(task));
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<RetrainingSchedule>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM models.schedules WHERE tenant_id = @tenant ORDER BY task");
        command.Parameters.AddWithValue("tenant", tenantId);
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<List<RetrainingSchedule>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var schedules = new List<RetrainingSchedule>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            schedules.Add(new RetrainingSchedule(
                TrainingRunStore.Parse<ModelTask>(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return schedules;
    }
}
