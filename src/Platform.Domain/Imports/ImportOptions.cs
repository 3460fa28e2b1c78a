namespace Platform.Domain.Imports;

/// <summary>Everything an import needs besides the file.</summary>
public sealed record ImportOptions(
    ImportKind Kind,
    char Delimiter = ',',
    IReadOnlyList<ColumnPolicy>? Columns = null,
    IReadOnlyList<string>? Tags = null,
    ExperimentMapping? Experiment = null,
    EventFileMapping? Events = null)
{
    public MissingPolicy PolicyFor(string column, out string? defaultValue)
    {
        var policy = Columns?.FirstOrDefault(c => c.Column == column);
        defaultValue = policy?.Default;
        return policy?.Missing ?? MissingPolicy.Leave;
    }
}
