using GraphQL;
using Platform.Gateway.Api.Limits;
using GraphQL.Types;
using Platform.Abstractions;
using Platform.Abstractions.Tenants;
using Platform.Domain.Auth;
using Platform.Gateway.Api.Authorization;
using Platform.Gateway.Api.Execution;
using Platform.Domain.Audiences;
using Platform.Gateway.Api.Arguments;
using Platform.Gateway.Api.Types;
using Platform.Domain.Campaigns;
using Platform.Gateway.Api.Types.Audiences;
using Platform.Gateway.Api.Types.Campaigns;
using Platform.Gateway.Api.Types.Webhooks;
using Platform.Gateway.Api.Types.Profiles;
using Platform.Gateway.Operations;
using Platform.Abstractions.Profiles;
using Platform.Storage.ApiKeys;
using Platform.Storage.Audiences;
using Platform.Storage.Webhooks;
using Platform.Storage.Imports;
using Platform.Gateway.Api.Types.Imports;
using Platform.Storage.SystemChecks;
using Platform.Domain.Models;
using Platform.Gateway.Api.Types.Models;
using Platform.Gateway.Api.Types.Recommendations;
using Platform.Domain.Decisions;
using Platform.Gateway.Api.Types.Feeds;
using Platform.Gateway.Api.Types.Trackers;
using Platform.Storage.Trackers;

namespace Platform.Gateway.Api.Schema;

public sealed class QueryType : ObjectGraphType
{
    private static AudienceService Audiences(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<AudienceService>();

    private static CampaignService Campaigns(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<CampaignService>();

    private static ForecastService Forecasts(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<ForecastService>();

    /// <summary>Runs a whole-audience aggregate in its turn among the tenant's on this node (<see cref="AggregateGate"/>).</summary>
    private static Task<T> Aggregate<T>(IResolveFieldContext ctx, Func<Task<T>> aggregate) =>
        ctx.RequestServices!.GetRequiredService<AggregateGate>().RunAsync(ctx.TenantId(), aggregate, ctx.CancellationToken);

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

        Field<TenantFeedType>("tenantFeed")
            .Description("A tenant's feed partitions and where each stands; null for an unknown tenant. System key only.")
            .Argument<NonNullGraphType<IdGraphType>>("tenantId", "The tenant.")
            .SystemKeyOnly()
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<TenantFeedService>().DescribeAsync(ctx.GetArgument<string>("tenantId"), ctx.CancellationToken));

        Field<NonNullGraphType<ApiKeyPageType>>("apiKeys")
            .Description("The tenant's API keys, revoked ones included, oldest first.")
            .Argument<IntGraphType>("first", $"Page size, 1 to {TenantService.MaxKeysPage} (default {TenantService.DefaultKeysPage}).")
            .Argument<StringGraphType>("after", "endCursor of the previous page.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<TenantService>()
                .ListApiKeysAsync(ctx.TenantId(), ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), ctx.CancellationToken))
            .FieldType.Paged(TenantService.DefaultKeysPage);

        Field<UserProfileType>("user")
            .Description("A user's live profile, or null when the tenant has neither events nor attributes for this id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The user id.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ProfileService>()
                .FindAsync(ctx.TenantId(), ctx.GetArgument<string>("id"), new ProfileService.Parts(Asks(ctx, UserProfileType.AttributesField), Asks(ctx, UserProfileType.ScoresField), Asks(ctx, UserProfileType.SegmentsField)), ctx.CancellationToken))
            .FieldType.Costs(FieldCosts.GrainCall);

        Field<NonNullGraphType<RecommendationsType>>("recommendations")
            .Description("The RUNNING campaigns to show this user now, ranked by expected incremental value from the live profile (docs/recommendations.md).")
            .Argument<NonNullGraphType<IdGraphType>>("userId", "The user; one the tenant has never seen is answered as a new shopper (no history, no attributes).")
            .Argument<IntGraphType>("first", $"How many, 1 to {RecommendationService.MaxFirst} (default {RecommendationService.DefaultFirst}).")
            .Argument<ObjectiveEnumType>("objective", "What to maximise (default INCREMENTAL_MARGIN; INCREMENTAL_CONVERSIONS when the ACTIVE version has no order values).")
            .Argument<BooleanGraphType>("recordExposure", "Also write a CAMPAIGN_EXPOSURE for each item and withheld campaign, as if shown now (default false; POST only).")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx =>
            {
                var record = ctx.GetArgument<bool?>("recordExposure") == true;
                if (record && ctx.UserContext.GetTransport() == RequestTransport.HttpGet)
                {
                    throw ApiError.Invalid("recordExposure", "post_only", "recordExposure writes events: send the request with POST.");
                }

                return await ctx.RequestServices!.GetRequiredService<RecommendationService>().RecommendAsync(
                    ctx.TenantId(), ctx.GetArgument<string>("userId"), ctx.GetArgument<int?>("first"), ctx.GetArgument<Objective?>("objective"),
                    record, ctx.CancellationToken);
            })
            .FieldType.Costs(FieldCosts.ModelScoring);

        Field<NonNullGraphType<ItemRecommendationsType>>("itemRecommendations")
            .Description("Products to feature for this user from the ACTIVE ITEMS version and the live profile, with reasons (docs/recommendations.md#products).")
            .Argument<NonNullGraphType<IdGraphType>>("userId", "The user; one with no item history gets popular items of their favourite categories.")
            .Argument<IntGraphType>("first", $"How many, 1 to {ItemRecommendationService.MaxFirst} (default {ItemRecommendationService.DefaultFirst}).")
            .Argument<IdGraphType>("campaignId", "Only items in this campaign's scope (its items and categories).")
            .Argument<BooleanGraphType>("excludePurchased", "Leave out items the user bought (among their latest 50 events; default true).")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ItemRecommendationService>().RecommendAsync(
                ctx.TenantId(), ctx.GetArgument<string>("userId"), ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("campaignId"),
                ctx.GetArgument<bool?>("excludePurchased") ?? true, ctx.CancellationToken))
            .FieldType.Costs(FieldCosts.ModelScoring);

        Field<NonNullGraphType<ForecastType>>("forecast")
            .Description("What a campaign design would do with an audience, before it runs: participation, conversions, GMV, incremental figures, cost and ROI with 80% and 95% intervals (docs/forecasts.md).")
            .Argument<NonNullGraphType<CampaignDesignInputType>>("design", "The design, as createCampaign takes it; it need not be saved.")
            .Argument<AudienceInputType>("audience", "Who (default: the design's audience, else everyone).")
            .Argument<DecimalGraphType>("budget", "The most discount to give away (default: the design's budget); spending stops when the expected cost reaches it.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Aggregate(ctx, () => Forecasts(ctx).ForecastAsync(
                ctx.TenantId(), null, ctx.GetArgument<CampaignDesign>("design"), ctx.GetArgument<Audience?>("audience"), ctx.GetArgument<decimal?>("budget"), ctx.CancellationToken)))
            .FieldType.Costs(FieldCosts.Aggregate);

        Field<NonNullGraphType<ForecastType>>("forecastCampaign")
            .Description("The forecast of a saved campaign (a draft, say, or a past experiment) with its own design and budget, for its own audience or another.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The campaign.")
            .Argument<AudienceInputType>("audience", "Who (default: the campaign's audience, else everyone).")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Aggregate(ctx, () => Forecasts(ctx).ForecastAsync(
                ctx.TenantId(), ctx.GetArgument<string>("id"), null, ctx.GetArgument<Audience?>("audience"), null, ctx.CancellationToken)))
            .FieldType.Costs(FieldCosts.Aggregate);

        Field<CampaignOptimizationType>("campaignOptimization")
            .Description("A design search optimizeCampaign started: its progress and, once it has finished, its result; null when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The id optimizeCampaign returned.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<OptimizationService>().FindAsync(ctx.TenantId(), ctx.GetArgument<string>("id"), ctx.CancellationToken));

        Field<NonNullGraphType<ShopperScorePageType>>("scoreShoppers")
            .Description("Each shopper's predicted chance to buy with and without a design or saved campaign, the uplift and the expected incremental margin, paged (docs/forecasts.md#per-shopper-scores).")
            .Argument<IdGraphType>("campaignId", "A saved campaign (its design and, by default, its audience); or give design.")
            .Argument<CampaignDesignInputType>("design", "A design given whole; or give campaignId.")
            .Argument<AudienceInputType>("audience", "Who (default: the design's audience, else everyone).")
            .Argument<ShopperScoreOrderEnumType>("orderBy", "Page order (default USER_ID).")
            .Argument<IntGraphType>("first", $"Page size, 1 to {ShopperScoreService.MaxPage} (default {ShopperScoreService.DefaultPage}).")
            .Argument<StringGraphType>("after", "endCursor of the previous page (with the same orderBy).")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Aggregate(ctx, () => ctx.RequestServices!.GetRequiredService<ShopperScoreService>().ScoreAsync(
                ctx.TenantId(), ctx.GetArgument<string?>("campaignId"), ctx.GetArgument<CampaignDesign?>("design"), ctx.GetArgument<Audience?>("audience"),
                ctx.GetArgument<ShopperScoreOrder?>("orderBy") ?? ShopperScoreOrder.UserId, ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), ctx.CancellationToken)))
            .FieldType.Paged(ShopperScoreService.DefaultPage, FieldCosts.Aggregate);

        Field<NonNullGraphType<UserPageType>>("users")
            .Description("Pages through an audience in user id order (from the profile projection).")
            .Argument<NonNullGraphType<AudienceInputType>>("audience", "Who.")
            .Argument<IntGraphType>("first", $"Page size, 1 to {AudienceService.MaxPage} (default {AudienceService.DefaultPage}).")
            .Argument<StringGraphType>("after", "endCursor of the previous page.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx =>
            {
                var audience = ctx.GetArgument<Audience>("audience");
                Task<Page<UserSummary>> Page() => Audiences(ctx).PageAsync(ctx.TenantId(), audience, ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), ctx.CancellationToken);
                return audience.Uplift is null ? await Page() : await Aggregate(ctx, Page); // an uplift audience scores its whole `among`
            })
            .FieldType.PagedOverAudience(AudienceService.DefaultPage);

        Field<NonNullGraphType<AudienceSummaryType>>("audienceSummary")
            .Description("Counts and distributions of an audience: age bands, gender, region, RFM segments, categories, tags.")
            .Argument<NonNullGraphType<AudienceInputType>>("audience", "Who.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Aggregate(ctx, () => Audiences(ctx).SummarizeAsync(ctx.TenantId(), ctx.GetArgument<Audience>("audience"), ctx.CancellationToken)))
            .FieldType.Costs(FieldCosts.Aggregate);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SegmentType>>>>("segments")
            .Description("The tenant's named rule segments.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Audiences(ctx).ListSegmentsAsync(ctx.TenantId(), ctx.CancellationToken))
            .FieldType.ListOf(SegmentStore.MaxPerTenant);

        Field<CampaignGraphType>("campaign")
            .Description("A campaign of this tenant, or null when there is none with this id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The campaign id.")
            .Roles(Role.Admin, Role.Merchant, Role.Partner)
            .ResolveAsync(async ctx => await Campaigns(ctx).GetAsync(ctx.TenantId(), ctx.GetArgument<string>("id"), ctx.CancellationToken));

        Field<NonNullGraphType<CampaignPageType>>("campaigns")
            .Description("The tenant's campaigns, newest first.")
            .Argument<CampaignStatusEnumType>("status", "Only campaigns with this status.")
            .Argument<IntGraphType>("first", $"Page size, 1 to {CampaignService.MaxPage} (default {CampaignService.DefaultPage}).")
            .Argument<StringGraphType>("after", "endCursor of the previous page.")
            .Roles(Role.Admin, Role.Merchant, Role.Partner)
            .ResolveAsync(async ctx => await Campaigns(ctx).ListAsync(
                ctx.TenantId(), ctx.GetArgument<CampaignStatus?>("status"), ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), ctx.CancellationToken))
            .FieldType.Paged(CampaignService.DefaultPage);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignAssignmentType>>>>("campaignAssignments")
            .Description("Which side of a campaign's experiment each user is on and whether they may be shown it now. Show the offer to eligible TREATMENT users only; send a CAMPAIGN_EXPOSURE for eligible users of both sides when they would see it (for CONTROL it records the assignment).")
            .Argument<NonNullGraphType<IdGraphType>>("campaignId", "The campaign.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("userIds", "The users, at most 1000.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Campaigns(ctx).AssignmentsAsync(
                ctx.TenantId(), ctx.GetArgument<string>("campaignId"), ctx.GetArgument<List<string>>("userIds"), ctx.CancellationToken))
            .FieldType.SizedBy("userIds");

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookType>>>>("webhooks")
            .Description("The tenant's webhooks with their delivery logs.")
            .Roles(Role.Admin, Role.Partner)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<WebhookService>().ListAsync(ctx.TenantId(), ctx.CancellationToken))
            .FieldType.ListOf(WebhookStore.MaxPerTenant);

        Field<ImportJobType>("importJob")
            .Description("An import of this tenant, or null when there is none with this id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The id importDataset returned.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ImportStore>()
                .FindAsync(ctx.TenantId(), ApiError.RequireUuid("id", ctx.GetArgument<string>("id"), "importDataset"), ctx.CancellationToken));

        Field<SystemCheckRunType>("systemCheckRun")
            .Description("A diagnostic run of this tenant, or null when there is none with this id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The run id returned by systemCheck.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<SystemCheckStore>()
                .FindAsync(ctx.TenantId(), ApiError.RequireUuid("id", ctx.GetArgument<string>("id"), "systemCheck"), ctx.CancellationToken));
    

        Field<TrainingRunType>("trainingRun")
            .Description("A training run of this tenant, or null when there is none with this id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The run id trainModels returned.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Models(ctx).FindRunAsync(ctx.TenantId(), ctx.GetArgument<string>("id"), ctx.CancellationToken));

        Field<NonNullGraphType<TrainingRunPageType>>("trainingRuns")
            .Description("The tenant's training runs, newest first.")
            .Argument<ModelTaskEnumType>("task", "Only runs of this task.")
            .Argument<IntGraphType>("first", $"Page size, 1 to {ModelService.MaxPage} (default {ModelService.DefaultPage}).")
            .Argument<StringGraphType>("after", "endCursor of the previous page.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Models(ctx).ListRunsAsync(
                ctx.TenantId(), ctx.GetArgument<ModelTask?>("task"), ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), ctx.CancellationToken))
            .FieldType.Paged(ModelService.DefaultPage);

        Field<NonNullGraphType<ModelVersionPageType>>("models")
            .Description("The tenant's model versions of a task, newest first: the ACTIVE one, candidates and retired ones.")
            .Argument<NonNullGraphType<ModelTaskEnumType>>("task", "The task.")
            .Argument<IntGraphType>("first", $"Page size, 1 to {ModelService.MaxPage} (default {ModelService.DefaultPage}).")
            .Argument<StringGraphType>("after", "endCursor of the previous page.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Models(ctx).ListVersionsAsync(
                ctx.TenantId(), ctx.GetArgument<ModelTask>("task"), ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), ctx.CancellationToken))
            .FieldType.Paged(ModelService.DefaultPage);

        Field<ModelVersionType>("modelVersion")
            .Description("A model version of this tenant, or null when there is none with this id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The version id.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Models(ctx).FindVersionAsync(
                ctx.TenantId(), ApiError.RequireUuid("id", ctx.GetArgument<string>("id"), "models"), ctx.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrackerMessageType>>>>("trackerMessages")
            .Description("The source debugger: the latest messages the tracker source refused (default) or ignored, newest first, with the rules they broke.")
            .Argument<TrackerMessageStatusEnumType>("status", "REFUSED (default) or IGNORED.")
            .Argument<IntGraphType>("first", $"How many, 1 to {TrackerMessageStore.Kept} (default {DefaultTrackerMessages}).")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<TrackerMessageStore>().ListAsync(
                ctx.TenantId(),
                ctx.GetArgument("status", TrackerMessageStatus.Refused),
                Paging.Size(ctx.GetArgument<int?>("first"), DefaultTrackerMessages, TrackerMessageStore.Kept),
                ctx.CancellationToken))
            .FieldType.Paged(DefaultTrackerMessages);
    }

    /// <summary>Whether the request selects the field (under any alias, directly or through fragments) below the one being resolved.</summary>
    private static bool Asks(IResolveFieldContext context, string field) =>
        context.SubFields?.Values.Any(selected => selected.FieldType.Name == field) == true;

    private const int DefaultTrackerMessages = 50;

    private static ModelService Models(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<ModelService>();
}
