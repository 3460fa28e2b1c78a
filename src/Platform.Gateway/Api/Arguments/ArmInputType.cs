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
        Field<DecimalGraphType>("amount").Description("The offer's value (percent, amount or points multiplier, as for the campaign's value), if known.");
        Field<ChannelEnumType>("channel").Description("How it was sent, if known.");
        Field<DecimalGraphType>("minimumSpend").Description("The smallest order the offer applied to, if any.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("categoryIds").Description("The categories the offer was about (what it promoted), if any.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("itemIds").Description("The items the offer was about, if any.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("themeTags").Description("Free-form themes of the message (e.g. menswear, gift), if any.");
        Field<IntGraphType>("durationDays").Description("How many days the offer ran (default: the outcome window).");
        Field<DecimalGraphType>("costPerContact").Description("What reaching one customer of the arm cost whatever they did (a mailer, a text), 0 to 1000 (default 0): the arm's campaign carries it into its KPIs, forecasts and margins.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new ArmDesign(
        (string)value.Get("value")!,
        (string)value.Get("name")!,
        (CampaignType)value.Get("type")!,
        value.Get("amount") as decimal?,
        value.Get("channel") as Channel?,
        value.Get("minimumSpend") as decimal?,
        Strings(value.Get("categoryIds")),
        Strings(value.Get("itemIds")),
        Strings(value.Get("themeTags")),
        value.Get("durationDays") as int?,
        value.Get("costPerContact") as decimal? ?? 0);

    private static List<string>? Strings(object? list) => (list as IEnumerable<object?>)?.Select(item => (string)item!).ToList();
}
