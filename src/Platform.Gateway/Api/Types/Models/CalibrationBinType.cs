using GraphQL.Types;
using Platform.Domain.Modeling;

namespace Platform.Gateway.Api.Types.Models;

public sealed class CalibrationBinType : ObjectGraphType<CalibrationBin>
{
    public CalibrationBinType()
    {
        Name = "CalibrationBin";
        Description = "One bin of a reliability diagram: held-out rows whose predicted conversion chance falls in one tenth of [0, 1].";
        Field(b => b.Rows).Description("Rows in the bin.");
        Field(b => b.MeanPredicted).Description("Their mean predicted chance.");
        Field(b => b.ObservedRate).Description("The share of them that converted.");
    }
}
