namespace Platform.Domain.Jobs;

public static class RunStatusNames
{
    public static string ToWire(RunStatus status) => status.ToString().ToUpperInvariant();

    public static RunStatus FromWire(string name) =>
        Enum.TryParse<RunStatus>(name, ignoreCase: true, out var status) && Enum.IsDefined(status)
            ? status
            : throw new ArgumentOutOfRangeException(nameof(name), name, "unknown run status");

    public static bool IsFinished(this RunStatus status) => status is RunStatus.Succeeded or RunStatus.Failed;
}
