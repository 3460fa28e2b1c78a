using GraphQL;
using GraphQL.Types;
using Platform.Gateway.Operations;
using Platform.Abstractions;
using Platform.Domain.Auth;
using Platform.Domain.Jobs;
using Platform.Gateway.Api.Authorization;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Types;
using Platform.Abstractions.Progress;
using Platform.Gateway.Subscriptions;
using Platform.Storage.Imports;
using Platform.Storage.SystemChecks;
using Platform.Gateway.Api.Types.Campaigns;
using Platform.Gateway.Api.Types.Imports;

using Platform.Gateway.Api.Types.Models;
using Platform.Storage.Models;
using Platform.Storage.Campaigns;
using Platform.Gateway.Api.Types.Recommendations;

namespace Platform.Gateway.Api.Schema;

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        Description = "Live streams over WebSocket (graphql-transport-ws).";

        Field<NonNullGraphType<SystemCheckRunType>>("systemCheckProgress")
            .Description("The diagnostic run now and at every change; completes when it has finished.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The run id returned by systemCheck.")
            .Roles(Role.Admin)
            .ResolveStreamAsync(async ctx =>
            {
                var tenantId = ctx.TenantId();
                var id = ctx.GetArgument<string>("id");
                var store = ctx.RequestServices!.GetRequiredService<SystemCheckStore>();
                var runId = ApiError.RequireUuid("id", id, "systemCheck");
                if (await store.FindAsync(tenantId, runId, ctx.CancellationToken) is null)
                {
                    throw ApiError.NotFound("system check run", id);
                }

                return new RunWatcher<SystemCheckRecord>(
                    ctx.RequestServices!.GetRequiredService<ProgressHub>(),
                    GrainKeys.Progress(tenantId, RunKinds.SystemCheck, runId),
                    RunKinds.SystemCheck,
                    runId,
                    cancellationToken => store.FindAsync(tenantId, runId, cancellationToken),
                    run => run.Status.IsFinished(),
                    ctx.RequestServices!.GetRequiredService<ILogger<SubscriptionType>>());
            });

        Field<NonNullGraphType<ImportJobType>>("importProgress")
            .Description("The import now and after every batch of rows; completes when it has finished.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The id importDataset returned.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveStreamAsync(async ctx =>
            {
                var tenantId = ctx.TenantId();
                var id = ctx.GetArgument<string>("id");
                var store = ctx.RequestServices!.GetRequiredService<ImportStore>();
                var importId = ApiError.RequireUuid("id", id, "importDataset");
                if (await store.FindAsync(tenantId, importId, ctx.CancellationToken) is null)
                {
                    throw ApiError.NotFound("import", id);
                }

                return new RunWatcher<ImportJobRecord>(
                    ctx.RequestServices!.GetRequiredService<ProgressHub>(),
                    GrainKeys.Progress(tenantId, RunKinds.Import, importId),
                    RunKinds.Import,
                    importId,
                    cancellationToken => store.FindAsync(tenantId, importId, cancellationToken),
                    job => job.Status.IsFinished(),
                    ctx.RequestServices!.GetRequiredService<ILogger<SubscriptionType>>());
            });

        Field<NonNullGraphType<CampaignKpiUpdateType>>("campaignKpis")
            .Description("A campaign's KPIs now, then whenever they change (at most once a second per campaign by default), with deltas; from events ingested on any node.")
            .Argument<NonNullGraphType<IdGraphType>>("campaignId", "The campaign.")
            .Roles(Role.Admin, Role.Merchant, Role.Partner)
            .ResolveStreamAsync(async ctx =>
            {
                var tenantId = ctx.TenantId();
                var id = ctx.GetArgument<string>("campaignId");
                var campaigns = ctx.RequestServices!.GetRequiredService<CampaignService>();
                if (await campaigns.GetAsync(tenantId, id, ctx.CancellationToken, argument: "campaignId") is null)
                {
                    throw ApiError.NotFound("campaign", id);
                }

                var hub = ctx.RequestServices!.GetRequiredService<CampaignKpiHub>();
                var logger = ctx.RequestServices!.GetRequiredService<ILogger<SubscriptionType>>();
                return new CampaignKpiWatcher(hub, tenantId, id, cancellationToken => campaigns.CurrentAsync(tenantId, id, cancellationToken), logger);
            });
    

        Field<NonNullGraphType<CampaignOptimizationType>>("optimizationProgress")
            .Description("A design search now and as it progresses (at most once a second); completes when it has finished, with its result.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The id optimizeCampaign returned.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveStreamAsync(async ctx =>
            {
                var tenantId = ctx.TenantId();
                var id = ctx.GetArgument<string>("id");
                var store = ctx.RequestServices!.GetRequiredService<OptimizationStore>();
                var searchId = ApiError.RequireUuid("id", id, "optimizeCampaign");
                if (await store.FindAsync(tenantId, searchId, ctx.CancellationToken) is null)
                {
                    throw ApiError.NotFound("optimization", id);
                }

                return new RunWatcher<OptimizationRecord>(
                    ctx.RequestServices!.GetRequiredService<ProgressHub>(),
                    GrainKeys.Progress(tenantId, RunKinds.Optimization, searchId),
                    RunKinds.Optimization,
                    searchId,
                    cancellationToken => store.FindAsync(tenantId, searchId, cancellationToken),
                    search => search.IsFinished,
                    ctx.RequestServices!.GetRequiredService<ILogger<SubscriptionType>>());
            });

        Field<NonNullGraphType<TrainingRunType>>("trainingProgress")
            .Description("A training run now and at every change (status, phase, epoch, losses; about every two seconds while it trains); completes when it has finished.")
            .Argument<NonNullGraphType<IdGraphType>>("runId", "The run id trainModels returned.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveStreamAsync(async ctx =>
            {
                var tenantId = ctx.TenantId();
                var id = ctx.GetArgument<string>("runId");
                var runs = ctx.RequestServices!.GetRequiredService<TrainingRunStore>();
                var runId = ApiError.RequireUuid("runId", id, "trainModels");
                if (await runs.FindAsync(tenantId, runId, ctx.CancellationToken) is null)
                {
                    throw ApiError.NotFound("training run", id);
                }

                return new RunWatcher<TrainingRunRecord>(
                    ctx.RequestServices!.GetRequiredService<ProgressHub>(),
                    GrainKeys.Progress(tenantId, RunKinds.Training, runId),
                    RunKinds.Training,
                    runId,
                    cancellationToken => runs.FindAsync(tenantId, runId, cancellationToken),
                    run => run.IsFinished,
                    ctx.RequestServices!.GetRequiredService<ILogger<SubscriptionType>>());
            });
    }
}
