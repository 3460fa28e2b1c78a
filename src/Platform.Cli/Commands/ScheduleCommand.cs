using System.Text.Json;

namespace Platform.Cli.Commands;

/// <summary>Sets or deletes a task's retraining schedule (docs/models.md#schedules) and prints what the tenant has.</summary>
public sealed class ScheduleCommand(GraphQLClient client, TextWriter output)
{
    private const string Set = """
        mutation($task: ModelTask!, $cron: String!, $zone: String, $onlyNew: Boolean, $drift: Float) {
          setRetrainingSchedule(task: $task, cron: $cron, timeZone: $zone, onlyWhenNewData: $onlyNew, retrainWhenDriftAbove: $drift) {
            task cron timeZone onlyWhenNewData retrainWhenDriftAbove nextRunAt
          }
        }
        """;

    private const string Delete = "mutation($task: ModelTask!) { deleteRetrainingSchedule(task: $task) }";

    public async Task<int> SetAsync(string adminKey, string task, string cron, string timeZone, bool always, double? driftAbove, CancellationToken cancellationToken)
    {
        var variables = new { task = task.ToUpperInvariant(), cron, zone = timeZone, onlyNew = !always, drift = driftAbove };
        var schedule = (await client.ExecuteAsync(adminKey, Set, variables, cancellationToken)).GetProperty("setRetrainingSchedule");
        output.WriteLine(Describe(schedule));
        return 0;
    }

    public async Task<int> DeleteAsync(string adminKey, string task, CancellationToken cancellationToken)
    {
        var deleted = (await client.ExecuteAsync(adminKey, Delete, new { task = task.ToUpperInvariant() }, cancellationToken)).GetProperty("deleteRetrainingSchedule").GetBoolean();
        output.WriteLine(deleted ? $"The {task.ToUpperInvariant()} schedule was deleted." : $"There was no {task.ToUpperInvariant()} schedule.");
        return 0;
    }

    private static string Describe(JsonElement schedule) =>
        $"{schedule.GetProperty("task").GetString()} retrains at '{schedule.GetProperty("cron").GetString()}' ({schedule.GetProperty("timeZone").GetString()})"
        + (schedule.GetProperty("onlyWhenNewData").GetBoolean() ? " when new data arrived" : "")
        + (schedule.GetProperty("retrainWhenDriftAbove") is { ValueKind: JsonValueKind.Number } psi ? $", and when an input drifts above PSI {psi.GetDouble()}" : "")
        + $"; next run {schedule.GetProperty("nextRunAt").GetString()}.";
}
