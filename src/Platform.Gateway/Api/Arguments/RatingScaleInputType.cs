using GraphQL.Types;
using Platform.Domain.Imports;

namespace Platform.Gateway.Api.Arguments;

public sealed class RatingScaleInputType : InputObjectGraphType<RatingScale>
{
    public RatingScaleInputType()
    {
        Name = "RatingScaleInput";
        Description = "The scale an events file's ratings are on, mapped onto 0.5 to 5 in a straight line (1 to 10 becomes half stars).";
        Field<NonNullGraphType<DecimalGraphType>>("min").Description("The lowest rating the file can hold (becomes 0.5).");
        Field<NonNullGraphType<DecimalGraphType>>("max").Description("The highest rating the file can hold (becomes 5).");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new RatingScale((decimal)value.Get("min")!, (decimal)value.Get("max")!);
}
