using GraphQL.Types;

namespace Platform.Gateway.GraphQL.Types.Audiences;

public sealed class ShopperPageType : ObjectGraphType<ShopperPage>
{
    public ShopperPageType()
    {
        Name = "ShopperPage";
        Description = "One page of an audience, in shopper id order.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ShopperSummaryType>>>>("nodes").Description("The shoppers of this page.").Resolve(ctx => ctx.Source.Nodes);
        Field(p => p.HasNextPage).Description("Whether another page follows.");
        Field(p => p.EndCursor, nullable: true).Description("Pass as `after` to get the next page.");
    }
}
