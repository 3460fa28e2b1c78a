using GraphQL;
using GraphQL.Types;
using Platform.Abstractions;
using Platform.Abstractions.Tenants;
using Platform.Domain.Auth;
using Platform.Gateway.GraphQL.Authorization;
using Platform.Gateway.GraphQL.Execution;
using Platform.Domain.Audiences;
using Platform.Gateway.GraphQL.Arguments;
using Platform.Gateway.GraphQL.Types;
using Platform.Domain.Campaigns;
using Platform.Gateway.GraphQL.Types.Audiences;
using Platform.Gateway.GraphQL.Types.Campaigns;
using Platform.Gateway.GraphQL.Types.Webhooks;
using Platform.Gateway.GraphQL.Types.Profiles;
using Platform.Gateway.Operations;
using Platform.Abstractions.Profiles;
using Platform.Storage.ApiKeys;
using Platform.Storage.Imports;
using Platform.Gateway.GraphQL.Types.Imports;
using Platform.Storage.SystemChecks;

namespace Platform.Gateway.GraphQL.Schema;

public sealed class QueryType : ObjectGraphType
{
    private static Audiences Audiences(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<Audiences>();

    private static Operations.Campaigns Campaigns(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<Operations.Campaigns>();

    public QueryType()
    {
        Name = "Query";
        Description = "Reads. Everything is scoped to the tenant of the API key.";

        Field<NonNullGraphType<TenantType>>("tenant")
            .Description("The tenant the API key belongs to.")
            .Roles(Role.Admin, Role.Merchant, Role.Partner)
            .ResolveAsync(async ctx =>
                await ctx.RequestServices!.GetRequiredService<IGrainFactory>()
                    .GetGrain<ITenantGrain>(GrainKeys.Tenant(ctx.TenantId())).GetAsync());

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeyType>>>>("apiKeys")
            .Description("All API keys of the tenant, revoked ones included.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx =>
                await ctx.RequestServices!.GetRequiredService<ApiKeyStore>().ListAsync(ctx.TenantId(), ctx.CancellationToken));

        Field<ShopperProfileType>("user")
            .Description("A shopper's live profile, or null when the tenant has neither events nor attributes for this id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The shopper id.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ShopperProfiles>()
                .FindAsync(ctx.TenantId(), ctx.GetArgument<string>("id"), ctx.CancellationToken));

        Field<NonNullGraphType<ShopperPageType>>("users")
            .Description("Pages through an audience in shopper id order (from the profile projection).")
            .Argument<NonNullGraphType<AudienceInputType>>("audience", "Who.")
            .Argument<IntGraphType>("first", "Page size, 1 to 500 (default 50).")
            .Argument<StringGraphType>("after", "endCursor of the previous page.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Audiences(ctx).PageAsync(
                ctx.TenantId(), ctx.GetArgument<Audience>("audience"), ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), ctx.CancellationToken));

        Field<NonNullGraphType<AudienceSummaryType>>("audienceSummary")
            .Description("Counts and distributions of an audience: age bands, gender, region, RFM segments, categories, tags.")
            .Argument<NonNullGraphType<AudienceInputType>>("audience", "Who.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Audiences(ctx).SummarizeAsync(ctx.TenantId(), ctx.GetArgument<Audience>("audience"), ctx.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SegmentType>>>>("segments")
            .Description("The tenant's named rule segments.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Audiences(ctx).ListSegmentsAsync(ctx.TenantId(), ctx.CancellationToken));

        Field<CampaignGraphType>("campaign")
            .Description("A campaign of this tenant, or null when there is none with this id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The campaign id.")
            .Roles(Role.Admin, Role.Merchant, Role.Partner)
            .ResolveAsync(async ctx => await Campaigns(ctx).GetAsync(ctx.TenantId(), ctx.GetArgument<string>("id"), ctx.CancellationToken));

        Field<NonNullGraphType<CampaignPageType>>("campaigns")
            .Description("The tenant's campaigns, newest first.")
            .Argument<CampaignStatusEnumType>("status", "Only campaigns with this status.")
            .Argument<IntGraphType>("first", "Page size, 1 to 200 (default 50).")
            .Argument<StringGraphType>("after", "endCursor of the previous page.")
            .Roles(Role.Admin, Role.Merchant, Role.Partner)
            .ResolveAsync(async ctx => await Campaigns(ctx).ListAsync(
                ctx.TenantId(), ctx.GetArgument<CampaignStatus?>("status"), ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), ctx.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignAssignmentType>>>>("campaignAssignments")
            .Description("Which side of a campaign's experiment each shopper is on. Show the offer to TREATMENT shoppers only; send a CAMPAIGN_EXPOSURE for both sides when a shopper would see it (for CONTROL it records the assignment).")
            .Argument<NonNullGraphType<IdGraphType>>("campaignId", "The campaign.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("userIds", "The shoppers, at most 1000.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Campaigns(ctx).AssignmentsAsync(
                ctx.TenantId(), ctx.GetArgument<string>("campaignId"), ctx.GetArgument<List<string>>("userIds"), ctx.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookType>>>>("webhooks")
            .Description("The tenant's webhooks with their delivery logs.")
            .Roles(Role.Admin, Role.Partner)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<Operations.Webhooks>().ListAsync(ctx.TenantId(), ctx.CancellationToken))
            .FieldType.WithComplexityImpact(1, 10); // tenants have a few webhooks (at most 50)

        Field<ImportJobType>("importJob")
            .Description("An import of this tenant, or null when there is none with this id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The id importDataset returned.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx =>
                Guid.TryParse(ctx.GetArgument<string>("id"), out var id)
                    ? await ctx.RequestServices!.GetRequiredService<ImportStore>().FindAsync(ctx.TenantId(), id, ctx.CancellationToken)
                    : null);

        Field<SystemCheckRunType>("systemCheckRun")
            .Description("A diagnostic run of this tenant, or null when there is none with this id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The run id returned by systemCheck.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx =>
                Guid.TryParse(ctx.GetArgument<string>("id"), out var id)
                    ? await ctx.RequestServices!.GetRequiredService<SystemCheckStore>().FindAsync(ctx.TenantId(), id, ctx.CancellationToken)
                    : null);
    }
}
