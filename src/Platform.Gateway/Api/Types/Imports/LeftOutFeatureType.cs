using GraphQL.Types;
using Platform.Domain.Imports;

namespace Platform.Gateway.Api.Types.Imports;

public sealed class LeftOutFeatureType : ObjectGraphType<ScreenedColumn>
{
    public LeftOutFeatureType()
    {
        Name = "LeftOutFeature";
        Description = "A feature column of an experiment file that the import left out for want of room for its attribute (docs/imports.md#past-experiments).";
        Field(c => c.Column).Description("The column.");
        Field(c => c.Association).Description("How strongly it goes with the outcome, 0 to 1 (the larger of |correlation| and the correlation ratio, less what chance gives): those kept went with it more.");
    }
}
