namespace Platform.Domain.Imports;

/// <summary>What an experiment import's first pass measures of every column: its balance between the arms, its association with the outcome.</summary>
public sealed class ExperimentMeasures(ExperimentMapping mapping)
{
    public ArmBalance Balance { get; } = new(mapping);

    public OutcomeAssociation Association { get; } = new(mapping);

    public void Add(IReadOnlyList<string> header, Func<string, string?> cell)
    {
        Balance.Add(header, cell);
        Association.Add(header, cell);
    }
}
