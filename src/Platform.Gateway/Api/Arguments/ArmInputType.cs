using GraphQL.Types;
using Platform.Domain.Campaigns;
using Platform.Domain.Imports;
using Platform.Gateway.Api.Types.Campaigns;

namespace Platform.Gateway.Api.Arguments;

public sealed class ArmInputType : InputObjectGraphType<ArmDesign>
{
    public ArmInputType()
    {
        Name = "ArmInput";
        Description = "A treatment arm of a past experiment; it becomes an ENDED campaign whose holdout is the control group.";
        Field<NonNullGraphType<StringGraphType>>("value").Description("The assignment column's value for this arm, e.g. \"1\".");
        Field<NonNullGraphType<StringGraphType>>("name").Description("The arm's name, e.g. coupon.");
        Field<NonNullGraphType<CampaignTypeEnumType>>("type").Description("What was offered.");
        Field<DecimalGraphType>("amount").Description("The offer's value (percent or amount), if known.");
        Field<ChannelEnumType>("channel").Description("How it was sent, if known.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new ArmDesign(
        (string)value.Get("value")!, (string)value.Get("name")!, (CampaignType)value.Get("type")!, value.Get("amount") as decimal?, value.Get("channel") as Channel?);
}
