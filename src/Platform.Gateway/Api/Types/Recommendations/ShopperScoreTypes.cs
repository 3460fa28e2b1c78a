using GraphQL.Types;
using Platform.Gateway.Api.Types.Campaigns;
using Platform.Gateway.Operations;

namespace Platform.Gateway.Api.Types.Recommendations;

public sealed class ShopperScoreOrderEnumType : EnumerationGraphType
{
    public ShopperScoreOrderEnumType()
    {
        Name = "ShopperScoreOrder";
        Description = "How scoreShoppers orders its pages.";
        Add("USER_ID", ShopperScoreOrder.UserId, "User id order: each page scores only its users (the default).");
        Add("UPLIFT_DESC", ShopperScoreOrder.UpliftDescending, "Highest uplift first (ties by user id); the whole audience is scored for each page.");
        Add("INCREMENTAL_MARGIN_DESC", ShopperScoreOrder.IncrementalMarginDescending, "Highest expected incremental margin first (ties by user id); the whole audience is scored for each page.");
    }
}

public sealed class ShopperScoreType : ObjectGraphType<ShopperScore>
{
    public ShopperScoreType()
    {
        Name = "ShopperScore";
        Description = "One shopper under a design, over its attribution window (docs/forecasts.md#per-shopper-scores).";
        Field(s => s.UserId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The user.");
        Field(s => s.ConversionWithout).Description("Chance to buy without the offer.");
        Field(s => s.ConversionWith).Description("Chance to buy with the offer.");
        Field<NonNullGraphType<EstimateType>>("uplift").Description("conversionWith − conversionWithout, with its 95% interval across the ensemble.").Resolve(ctx => ctx.Source.Uplift);
        Field(s => s.RevenueWithout).Description("Expected revenue without the offer.");
        Field(s => s.RevenueWith).Description("Expected revenue with the offer.");
        Field<NonNullGraphType<EstimateType>>("incrementalMargin").Description("(revenueWith − revenueWithout) × marginRate − expected discount − the design's costPerContact, with its 95% interval across the ensemble.").Resolve(ctx => ctx.Source.IncrementalMargin);
        Field(s => s.Participation).Description("Chance to take part if offered.");
    }
}

public sealed class ShopperScorePageType() : PageGraphType<ShopperScoreType, ShopperScore>("ShopperScorePage", "One page of shopper scores.", "The shoppers of this page.");
