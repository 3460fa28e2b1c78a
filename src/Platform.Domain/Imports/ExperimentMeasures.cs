namespace Platform.Domain.Imports;

/// <summary>
/// What an experiment import's first pass measures of every column: its balance between the arms, and its association
/// with the outcome (only when the mapping does not name the features, the one case the screen is used), both over the
/// rows the import keeps: a row whose assignment is no arm and not control is rejected, so it counts in neither.
/// </summary>
public sealed class ExperimentMeasures(ExperimentMapping mapping)
{
    private readonly IReadOnlyDictionary<string, ExperimentArm> arms = mapping.ArmsByValue();

    public ArmBalance Balance { get; } = new(mapping);

    public OutcomeAssociation Association { get; } = new(mapping);

    public void Add(IReadOnlyList<string> header, Func<string, string?> cell)
    {
        Balance.Add(header, cell);
        if (mapping.FeatureColumns is null && cell(mapping.AssignmentColumn) is { } assignment && arms.ContainsKey(assignment))
        {
            Association.Add(header, cell);
        }
    }
}
