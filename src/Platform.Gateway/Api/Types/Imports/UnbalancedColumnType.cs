using GraphQL.Types;

namespace Platform.Gateway.Api.Types.Imports;

public sealed class UnbalancedColumnType : ObjectGraphType<UnbalancedColumn>
{
    public UnbalancedColumnType()
    {
        Name = "UnbalancedColumn";
        Description = "A column of an experiment file whose values differ between the control group and an arm beyond chance, as a column measured after assignment does (docs/imports.md#past-experiments).";
        Field(c => c.Column).Description("The column.");
        Field(c => c.Arm).Description("The arm it differs most for (its name in the mapping).");
        Field(c => c.StandardizedDifference, nullable: true).Description("How far apart the arm and control are, in standard deviations (of the mean, of a value's share, or of how often the cell is filled; the largest); null when each side is constant and they differ.");
        Field(c => c.Feature).Description("Whether it is a feature anyway: only when options.experiment.featureColumns lists it.");
    }
}
