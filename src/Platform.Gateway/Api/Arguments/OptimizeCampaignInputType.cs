using GraphQL.Types;
using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Gateway.Api.Types.Campaigns;
using Platform.Gateway.Api.Types.Recommendations;

namespace Platform.Gateway.Api.Arguments;

public sealed class OptimizationTargetingInputType : InputObjectGraphType<DesignTargeting>
{
    public OptimizationTargetingInputType()
    {
        Name = "OptimizationTargetingInput";
        Description = "Which users of the audience a searched design goes to.";
        Field<NonNullGraphType<TargetingKindEnumType>>("kind").Description("ALL, POSITIVE_MARGIN, TOP_PERCENT or TOP_UPLIFT_PERCENT.");
        Field<FloatGraphType>("percent").Description("For TOP_PERCENT and TOP_UPLIFT_PERCENT: the share of the audience, in (0, 100]; left out otherwise.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new DesignTargeting((TargetingKind)value.Get("kind")!, value.Get("percent") as double?);
}

public sealed class OptimizationConstraintsInputType : InputObjectGraphType<OptimizationConstraints>
{
    public OptimizationConstraintsInputType()
    {
        Name = "OptimizationConstraintsInput";
        Description = "Limits every recommended design must meet, on the forecast's point estimates; each left out is no limit.";
        Field<FloatGraphType>("minRoi").Description("The least expected ROI ((incrementalGmv − cost) ÷ cost, cost = discountCost + contactCost); a design that costs nothing meets it.");
        Field<DecimalGraphType>("maxCost").Description("The most expected cost (discountCost + contactCost), more than 0.");
        Field<LongGraphType>("minReach").Description("The fewest treated users, 1 or more.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) =>
        new OptimizationConstraints(value.Get("minRoi") as double?, value.Get("maxCost") as decimal?, value.Get("minReach") is { } reach ? Convert.ToInt64(reach) : null);
}

public sealed class ContactCostInputType : InputObjectGraphType<ChannelCost>
{
    public ContactCostInputType()
    {
        Name = "ContactCostInput";
        Description = "What reaching one user costs on a channel the search tries.";
        Field<NonNullGraphType<ChannelEnumType>>("channel").Description("The channel.");
        Field<NonNullGraphType<DecimalGraphType>>("costPerContact").Description("What reaching one treated user costs there whatever they do, 0 to 1000.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new ChannelCost((Channel)value.Get("channel")!, (decimal)value.Get("costPerContact")!);
}

public sealed class OptimizeCampaignInputType : InputObjectGraphType<DesignSearch>
{
    public OptimizeCampaignInputType()
    {
        Name = "OptimizeCampaignInput";
        Description = "A design search (docs/forecasts.md#optimizer): every combination of the lists is forecast; a list left out keeps the design's own.";
        Field<NonNullGraphType<CampaignDesignInputType>>("design").Description("The base design: every field not searched is kept (scope, minimum spend, start, holdout).");
        Field<AudienceInputType>("audience").Description("Who (default: the design's audience, else everyone); at most Platform:Decisions:MaxAudienceUsers (default 200,000) users.");
        Field<DecimalGraphType>("budget").Description("The most discount to give away (default: the design's budget); each candidate's spending stops when its expected cost reaches it.");
        Field<ListGraphType<NonNullGraphType<CampaignTypeEnumType>>>("types").Description($"Types to try (at most {DesignSearch.MaxListLength}).");
        Field<ListGraphType<NonNullGraphType<DecimalGraphType>>>("values").Description("Values to try with each type that takes one; a value a type cannot take is skipped for it.");
        Field<ListGraphType<NonNullGraphType<ChannelEnumType>>>("channels").Description("Channels to try.");
        Field<ListGraphType<NonNullGraphType<IntGraphType>>>("durationsDays").Description("Durations to try, in days from the design's startsAt, 1-366.");
        Field<ListGraphType<NonNullGraphType<OptimizationTargetingInputType>>>("targetings").Description("Targetings to try with each design (default: the whole audience).");
        Field<OptimizationConstraintsInputType>("constraints").Description("Limits the recommended design must meet.");
        Field<ListGraphType<NonNullGraphType<ContactCostInputType>>>("contactCosts").Description("What a contact costs on each channel tried, each channel once (default: the design's costPerContact on every channel).");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new DesignSearch(
        (CampaignDesign)value.Get("design")!,
        value.Get("audience") as Audience,
        value.Get("budget") as decimal?,
        value.GetList<CampaignType>("types"),
        value.GetList<decimal>("values"),
        value.GetList<Channel>("channels"),
        value.GetList<int>("durationsDays"),
        value.GetList<DesignTargeting>("targetings"),
        value.Get("constraints") as OptimizationConstraints,
        value.GetList<ChannelCost>("contactCosts"));
}
