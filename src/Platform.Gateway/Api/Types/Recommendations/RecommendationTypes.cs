using GraphQL.Types;
using Platform.Domain.Decisions;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Api.Types.Campaigns;
using Platform.Gateway.Operations;

namespace Platform.Gateway.Api.Types.Recommendations;

public sealed class ObjectiveEnumType : EnumerationGraphType
{
    public ObjectiveEnumType()
    {
        Name = "Objective";
        Description = "What a ranking of offers maximises (docs/recommendations.md#objectives).";
        Add("INCREMENTAL_MARGIN", Objective.IncrementalMargin, "Incremental revenue × the tenant's marginRate − the expected discount cost − the campaign's costPerContact (the default).");
        Add("INCREMENTAL_REVENUE", Objective.IncrementalRevenue, "Expected revenue in the window with the offer − without it.");
        Add("INCREMENTAL_CONVERSIONS", Objective.IncrementalConversions, "Chance to buy in the window with the offer − without it.");
        Add("PARTICIPATION", Objective.Participation, "Chance to take part (click, claim) if offered.");
    }
}

public sealed class OfferValueType : ObjectGraphType<OfferValue>
{
    public OfferValueType()
    {
        Name = "OfferValue";
        Description = "What showing an offer to this user is expected to do over the campaign's attribution window (ensemble means).";
        Field(v => v.IncrementalConversions).Description("Chance to buy with the offer − without it.");
        Field(v => v.IncrementalRevenue).Description("Expected revenue with the offer − without it.");
        Field(v => v.DiscountCost).Description("Expected discount: chance to buy with the offer × the discount on an order of the expected value (every such purchase assumed to redeem).");
        Field(v => v.IncrementalMargin).Description("incrementalRevenue × the tenant's marginRate − discountCost − the campaign's costPerContact.");
        Field(v => v.Participation).Description("Chance to take part (click, claim) if offered.");
    }
}

public sealed class RecommendationType : ObjectGraphType<Recommendation>
{
    public RecommendationType()
    {
        Name = "Recommendation";
        Description = "A campaign to show this user.";
        Field<NonNullGraphType<CampaignGraphType>>("campaign").Description("The campaign.").Resolve(ctx => ctx.Source.Campaign);
        Field(r => r.Rank).Description("1 for the best.");
        Field(r => r.Score).Description("The objective's expected value (with a model), or the rule-based match in [0, 1] (fallback).");
        Field<EstimateType>("interval").Description("The score with its 95% interval across the model's ensemble; null for the fallback.").Resolve(ctx => ctx.Source.Value?.Score);
        Field<OfferValueType>("breakdown").Description("The value in parts; null for the fallback.").Resolve(ctx => ctx.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("reasons")
            .Description("Why, in plain words: the features that move the score most compared with an average shopper (model), or the rule that ranked it (fallback).")
            .Resolve(ctx => ctx.Source.Reasons)
            .FieldType.ListOf(3);
    }
}

public sealed class RecommendationsType : ObjectGraphType<Operations.Recommendations>
{
    public RecommendationsType()
    {
        Name = "Recommendations";
        Description = "The campaigns to show a user now, best first (docs/recommendations.md).";
        Field(r => r.UserId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The user.");
        Field<NonNullGraphType<ObjectiveEnumType>>("objective").Description("What the ranking maximised, as asked; with fallback: true the rule ranks by category match whatever the objective.").Resolve(ctx => ctx.Source.Objective);
        Field<IdGraphType>("modelVersionId").Description("The ACTIVE UPLIFT version that ranked every item; null for the fallback.").Resolve(ctx => ctx.Source.ModelVersionId);
        Field(r => r.Fallback).Description("True when the tenant has no ACTIVE UPLIFT version this node can serve: ranked by the documented rules, with no money figures.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecommendationType>>>>("items").Description("Best first.").Resolve(ctx => ctx.Source.Items)
            .FieldType.ListOf(RecommendationService.MaxFirst);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("withheld")
            .Description("Campaigns ranked among these that the user's holdout withholds (the experiment's control side): not shown, recorded when recordExposure is true.")
            .Resolve(ctx => ctx.Source.Withheld)
            .FieldType.ListOf(RecommendationService.MaxFirst);
        Field(r => r.ExposuresRecorded).Description("CAMPAIGN_EXPOSURE events written by this call (recordExposure), one per item and withheld campaign.");
    }
}

public sealed class ItemBasisEnumType : EnumerationGraphType
{
    public ItemBasisEnumType()
    {
        Name = "ItemBasis";
        Description = "How products were chosen.";
        Add("HISTORY", ItemBasis.History, "The item model, from the user's recent item interactions.");
        Add("POPULARITY", ItemBasis.Popularity, "A user with no item history the model knows: popularity, raised by the user's category affinities.");
    }
}

public sealed class ItemPickType : ObjectGraphType<ItemPick>
{
    public ItemPickType()
    {
        Name = "ItemPick";
        Description = "A product to feature.";
        Field(p => p.ItemId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The item.");
        Field(p => p.CategoryId, nullable: true).Description("Its category in the catalog, if known.");
        Field(p => p.Score).Description("The model's score (HISTORY) or popularity × (1 + the user's affinity share for the category) (POPULARITY): an order, not a probability.");
        Field(p => p.Reason).Description("Why, in plain words.");
    }
}

public sealed class ItemRecommendationsType : ObjectGraphType<ItemRecommendations>
{
    public ItemRecommendationsType()
    {
        Name = "ItemRecommendations";
        Description = "Products to feature for a user, best first (docs/recommendations.md#products).";
        Field(r => r.UserId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The user.");
        Field<NonNullGraphType<IdGraphType>>("modelVersionId").Description("The ACTIVE ITEMS version that chose them.").Resolve(ctx => ctx.Source.ModelVersionId);
        Field<NonNullGraphType<ItemBasisEnumType>>("basis").Description("How they were chosen.").Resolve(ctx => ctx.Source.Basis);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ItemPickType>>>>("items").Description("Best first.").Resolve(ctx => ctx.Source.Items)
            .FieldType.ListOf(ItemRecommendationService.MaxFirst);
    }
}
