using GraphQL.Types;

namespace Platform.Gateway.GraphQL.Types.Campaigns;

public sealed class CampaignPageType : ObjectGraphType<CampaignPage>
{
    public CampaignPageType()
    {
        Name = "CampaignPage";
        Description = "One page of campaigns, newest first.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignGraphType>>>>("nodes").Description("The campaigns of this page.").Resolve(ctx => ctx.Source.Nodes);
        Field(p => p.HasNextPage).Description("Whether another page follows.");
        Field(p => p.EndCursor, nullable: true).Description("Pass as `after` to get the next page.");
    }
}
