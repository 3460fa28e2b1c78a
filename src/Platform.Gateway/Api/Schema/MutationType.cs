using GraphQL;
using GraphQL.Types;
using Platform.Domain.Auth;
using Platform.Gateway.Api.Authorization;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Arguments;
using Platform.Gateway.Api.Types;
using Platform.Gateway.Api.Types.Ingestion;
using Platform.Gateway.Api.Types.Users;
using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Gateway.Api.Types.Recommendations;
using Platform.Gateway.Api.Types.Campaigns;
using Platform.Gateway.Api.Types.Webhooks;
using Platform.Domain.Webhooks;
using Platform.Domain.Imports;
using Platform.Gateway.Api.Transport;
using Platform.Gateway.Api.Types.Imports;
using Platform.Domain.Users;
using Platform.Gateway.Api.Types.Audiences;
using Platform.Gateway.Operations;

using Platform.Domain.Models;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Api.Types.Models;
using Platform.Gateway.Api.Types.Feeds;

namespace Platform.Gateway.Api.Schema;

public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "Changes. Tenant-scoped mutations act on the tenant of the API key.";

        Field<NonNullGraphType<CreateTenantPayloadType>>("createTenant")
            .Description("Creates a tenant and its first ADMIN key. System key only.")
            .Argument<NonNullGraphType<CreateTenantInputType>>("input", "The tenant to create.")
            .SystemKeyOnly()
            .ResolveAsync(async ctx => await Tenancy(ctx).CreateTenantAsync(ctx.GetArgument<CreateTenantInput>("input"), ctx.CancellationToken));

        Field<NonNullGraphType<TenantType>>("setTenantRateLimit")
            .Description("Sets how many requests per second a tenant may make on each gateway node. System key only: the limit protects the other tenants.")
            .Argument<NonNullGraphType<SetTenantRateLimitInputType>>("input", "Tenant and limit.")
            .SystemKeyOnly()
            .ResolveAsync(async ctx => await Tenancy(ctx).SetRateLimitAsync(ctx.GetArgument<SetTenantRateLimitInput>("input")));

        Field<NonNullGraphType<TenantFeedType>>("setTenantFeedPartitions")
            .Description("Sets how many partitions deliver a tenant's events to its users' profiles; the new layout starts after the log head, once the old one has delivered everything before it. System key only.")
            .Argument<NonNullGraphType<SetTenantFeedPartitionsInputType>>("input", "Tenant and partition count.")
            .SystemKeyOnly()
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<TenantFeedService>().SetPartitionsAsync(ctx.GetArgument<SetTenantFeedPartitionsInput>("input"), ctx.CancellationToken));

        Field<NonNullGraphType<TenantType>>("updateTenantSettings")
            .Description("Changes the tenant's settings (event horizon, affinity half-life, margin rate).")
            .Argument<NonNullGraphType<UpdateTenantSettingsInputType>>("input", "The settings to change.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx => await Tenancy(ctx).UpdateSettingsAsync(ctx.TenantId(), ctx.GetArgument<UpdateTenantSettingsInput>("input")));

        Field<NonNullGraphType<CreateApiKeyPayloadType>>("createApiKey")
            .Description("Creates an API key for the tenant; the secret is returned only once.")
            .Argument<NonNullGraphType<CreateApiKeyInputType>>("input", "Role and label of the key.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx => await Tenancy(ctx).CreateApiKeyAsync(ctx.Caller(), ctx.GetArgument<CreateApiKeyInput>("input"), ctx.CancellationToken));

        Field<NonNullGraphType<ApiKeyType>>("revokeApiKey")
            .Description("Revokes a key of the tenant. Every gateway node refuses it within a second.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The key's id.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx => await Tenancy(ctx).RevokeApiKeyAsync(ctx.TenantId(), ctx.GetArgument<string>("id"), ctx.CancellationToken));

        Field<NonNullGraphType<IngestEventsPayloadType>>("ingestEvents")
            .Description("Stores up to 5000 user events and updates their live profiles. Answers per event: accepted, duplicate (same eventId already stored) or rejected with the field and rule; valid events are stored even when others are rejected.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<EventInputType>>>>("events", "The events, at most 5000.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Data(ctx).IngestEventsAsync(
                ctx.TenantId(), ctx.GetArgument<List<EventInput>>("events").Select(EventDrafts.From).ToList(), ctx.CancellationToken));

        Field<NonNullGraphType<UpsertPayloadType>>("upsertUsers")
            .Description("Stores up to 5000 users' attributes and tags; answers per entry.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<UserInputType>>>>("users", "The users, at most 5000.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Data(ctx).UpsertUsersAsync(
                ctx.TenantId(), ctx.GetArgument<List<UserInput>>("users").Select(UserDrafts.From).ToList(), ctx.CancellationToken));

        Field<NonNullGraphType<UpsertPayloadType>>("upsertItems")
            .Description("Stores up to 5000 catalog items; answers per entry.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<ItemInputType>>>>("items", "The items, at most 5000.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Data(ctx).UpsertItemsAsync(
                ctx.TenantId(), ctx.GetArgument<List<ItemInput>>("items").Select(UserDrafts.From).ToList(), ctx.CancellationToken));

        Field<NonNullGraphType<TenantType>>("setAttributeSchema")
            .Description("Declares the tenant's custom user attributes (replacing the previous declaration; stored values stay).")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<AttributeDefinitionInputType>>>>("attributes", "The attributes.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx => await Data(ctx).SetAttributeSchemaAsync(
                ctx.TenantId(),
                ctx.GetArgument<List<AttributeDefinitionInput>>("attributes").Select(a => new AttributeDefinition(a.Name, a.Kind, a.AllowedValues)).ToList()));

        Field<NonNullGraphType<SegmentType>>("createSegment")
            .Description("Names a rule segment; profiles list the segments whose rule holds for them.")
            .Argument<NonNullGraphType<StringGraphType>>("name", "1-64 characters: a lowercase letter, then lowercase letters, digits, '_' or '-'.")
            .Argument<NonNullGraphType<AudienceRuleInputType>>("rule", "Who belongs.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<AudienceService>().CreateSegmentAsync(
                ctx.TenantId(), ctx.GetArgument<string>("name"), ctx.GetArgument<AudienceRule>("rule"), ctx.CancellationToken));

        Field<NonNullGraphType<ImportJobType>>("importDataset")
            .Description("Imports a file (CSV or JSON Lines, gzip or not, or an Excel workbook: users, items, events or a past experiment) as a background job; follow it with importJob or importProgress. Send it as a multipart request (GraphQL multipart request spec).")
            .Argument<NonNullGraphType<ImportKindEnumType>>("kind", "What the file holds.")
            .Argument<NonNullGraphType<UploadGraphType>>("file", "The file (docs/imports.md#options).")
            .Argument<ImportOptionsInputType>("options", "Format, delimiter, encoding, missing-value policies, tags, experiment mapping, events file shape.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ImportService>().StartAsync(
                ctx.Caller(), ctx.GetArgument<ImportKind>("kind"), ctx.GetArgument<UploadedFile>("file"), ctx.GetArgument<ImportOptionsInput?>("options"), ctx.CancellationToken));

        Field<NonNullGraphType<ErasureType>>("forgetUser")
            .Description("Erases a user everywhere: events, profile, projection row, attributes, campaign outcome rows and import rejections quoting the id. Only an erasure record stays; later events for the id start a new profile.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The user id.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ErasureService>()
                .ForgetAsync(ctx.Caller(), ctx.GetArgument<string>("id"), ctx.CancellationToken));

        Field<NonNullGraphType<CampaignGraphType>>("createCampaign")
            .Description("Creates a campaign as a DRAFT. Every broken design rule is reported (extensions.violations).")
            .Argument<NonNullGraphType<CampaignDesignInputType>>("design", "The design.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Campaigns(ctx).CreateAsync(ctx.TenantId(), ctx.GetArgument<CampaignDesign>("design")));

        Field<NonNullGraphType<CampaignGraphType>>("updateCampaign")
            .Description("Changes a campaign's design. Once it has started only name, budget, endsAt and frequencyCapPerDay can change (LOCKED_WHILE_LIVE); an ENDED campaign cannot change.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The campaign id.")
            .Argument<NonNullGraphType<CampaignChangesInputType>>("changes", "The fields to change.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await Campaigns(ctx).UpdateAsync(ctx.TenantId(), ctx.GetArgument<string>("id"), ctx.GetArgument<CampaignChanges>("changes")));

        Field<NonNullGraphType<CampaignOptimizationType>>("optimizeCampaign")
            .Description("Starts a search of campaign designs under a budget and constraints (docs/forecasts.md#optimizer); follow it with optimizationProgress or campaignOptimization.")
            .Argument<NonNullGraphType<OptimizeCampaignInputType>>("input", "What to search.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<OptimizationService>().StartAsync(
                ctx.TenantId(), ctx.GetArgument<DesignSearch>("input"), ctx.CancellationToken))
            .FieldType.Costs(FieldCosts.Aggregate);

        CampaignTransition("launchCampaign", "Launches a DRAFT: it becomes SCHEDULED, or RUNNING when startsAt has come.", (c, tenant, id) => c.LaunchAsync(tenant, id));
        CampaignTransition("pauseCampaign", "Pauses a RUNNING campaign.", (c, tenant, id) => c.PauseAsync(tenant, id));
        CampaignTransition("resumeCampaign", "Resumes a PAUSED campaign.", (c, tenant, id) => c.ResumeAsync(tenant, id));
        CampaignTransition("endCampaign", "Ends a SCHEDULED, RUNNING or PAUSED campaign now. ENDED is final.", (c, tenant, id) => c.EndAsync(tenant, id));

        Field<NonNullGraphType<WebhookType>>("createWebhook")
            .Description("Registers an endpoint for signed campaign KPI updates and status changes.")
            .Argument<NonNullGraphType<CreateWebhookInputType>>("input", "The webhook.")
            .Roles(Role.Admin, Role.Partner)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                return await Webhooks(ctx).CreateAsync(
                    ctx.TenantId(), (string)input["url"]!, input.GetList<WebhookEvent>("events")!, input.GetList<string>("campaignIds"), (string)input["secret"]!, ctx.CancellationToken);
            });

        Field<NonNullGraphType<WebhookType>>("enableWebhook")
            .Description("Turns a webhook on again (after it was disabled for failures); its failure count restarts.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The webhook id.")
            .Roles(Role.Admin, Role.Partner)
            .ResolveAsync(async ctx => await Webhooks(ctx).EnableAsync(ctx.TenantId(), ctx.GetArgument<string>("id"), ctx.CancellationToken));

        Field<NonNullGraphType<WebhookType>>("disableWebhook")
            .Description("Turns a webhook off: nothing more is queued for it and its pending deliveries are given up (FAILED); enableWebhook turns it on again.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The webhook id.")
            .Roles(Role.Admin, Role.Partner)
            .ResolveAsync(async ctx => await Webhooks(ctx).DisableAsync(ctx.TenantId(), ctx.GetArgument<string>("id"), ctx.CancellationToken));

        Field<NonNullGraphType<BooleanGraphType>>("deleteWebhook")
            .Description("Removes a webhook and its delivery log.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The webhook id.")
            .Roles(Role.Admin, Role.Partner)
            .ResolveAsync(async ctx => await Webhooks(ctx).DeleteAsync(ctx.TenantId(), ctx.GetArgument<string>("id"), ctx.CancellationToken));

        Field<NonNullGraphType<SystemCheckRunType>>("systemCheck")
            .Description("Queues a diagnostic job: a worker trains a tiny TorchSharp model and reports torch version, device, threads, PostgreSQL version and timing.")
            .Argument<JobQueueEnumType>("queue", "Queue to send it to; DEFAULT unless given. Use GPU to check a GPU worker.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<SystemCheckService>()
                .QueueAsync(ctx.Caller(), ctx.GetArgument<string?>("queue"), ctx.CancellationToken));

        Field<NonNullGraphType<TrainingRunType>>("trainModels")
            .Description("Queues a training run of the task for this tenant: on the gpu queue when a GPU worker listens, else cpu. One run per task at a time: a second is CONFLICT naming the first. Follow it with trainingProgress.")
            .Argument<NonNullGraphType<ModelTaskEnumType>>("task", "What to train.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx => await Models(ctx).TrainAsync(ctx.Caller(), ctx.GetArgument<ModelTask>("task"), TrainingTrigger.Manual, ctx.CancellationToken));

        Field<NonNullGraphType<TrainingRunType>>("cancelTrainingRun")
            .Description("Stops a queued or running training run (a running one within seconds); it makes no version and the ACTIVE one is untouched. A finished run is returned as it is.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The run id.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx => await Models(ctx).CancelAsync(ctx.TenantId(), ctx.GetArgument<string>("id"), ctx.CancellationToken));

        Field<NonNullGraphType<ModelVersionType>>("promoteModel")
            .Description("Makes a version ACTIVE (promotes a CANDIDATE or rolls back to a RETIRED one) after checking its weights' checksum; the ACTIVE one before is RETIRED.")
            .Argument<NonNullGraphType<IdGraphType>>("versionId", "The version.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx => await Models(ctx).PromoteAsync(ctx.Caller(), ctx.GetArgument<string>("versionId"), ctx.CancellationToken));

        Field<NonNullGraphType<ModelVersionType>>("checkModelDrift")
            .Description("Checks the task's ACTIVE version for drift now (each input's population stability index against the users active in the last 7 days; every user for USERS) and returns it with the report, as the daily check does; unlike the daily check, it never queues a retraining.")
            .Argument<NonNullGraphType<ModelTaskEnumType>>("task", "The task.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<Limits.AggregateGate>().RunAsync(
                ctx.TenantId(), () => Models(ctx).CheckDriftAsync(ctx.TenantId(), ctx.GetArgument<ModelTask>("task"), ctx.CancellationToken), ctx.CancellationToken))
            .FieldType.Costs(FieldCosts.Aggregate);

        Field<NonNullGraphType<RetrainingScheduleType>>("setRetrainingSchedule")
            .Description("Sets (or replaces) when the task retrains on its own; tenant.schedules lists it with its next run.")
            .Argument<NonNullGraphType<ModelTaskEnumType>>("task", "The task.")
            .Argument<NonNullGraphType<StringGraphType>>("cron", "Five-field cron expression, at most hourly, e.g. '0 3 * * *' (03:00 daily).")
            .Argument<StringGraphType>("timeZone", "IANA time zone the cron is read in (default UTC).")
            .Argument<BooleanGraphType>("onlyWhenNewData", "Skip a firing (recorded as a SKIPPED run) when no events or outcome rows arrived since the ACTIVE version's data (default true).")
            .Argument<FloatGraphType>("retrainWhenDriftAbove", "Also queue a run as soon as a drift check finds an input whose population stability index is above this (0.25 is a large shift); none unless given.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx => await Schedules(ctx).SetAsync(
                ctx.TenantId(), ctx.GetArgument<ModelTask>("task"), ctx.GetArgument<string>("cron"), ctx.GetArgument<string?>("timeZone") ?? "UTC",
                ctx.GetArgument<bool?>("onlyWhenNewData") ?? true, ctx.GetArgument<double?>("retrainWhenDriftAbove"), ctx.CancellationToken));

        Field<NonNullGraphType<BooleanGraphType>>("deleteRetrainingSchedule")
            .Description("Removes the task's retraining schedule: true when there was one.")
            .Argument<NonNullGraphType<ModelTaskEnumType>>("task", "The task.")
            .Roles(Role.Admin)
            .ResolveAsync(async ctx => await Schedules(ctx).DeleteAsync(ctx.TenantId(), ctx.GetArgument<ModelTask>("task"), ctx.CancellationToken));
    }

    private static ModelService Models(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<ModelService>();

    private static RetrainingScheduleService Schedules(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<RetrainingScheduleService>();

    private static CampaignService Campaigns(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<CampaignService>();

    private static WebhookService Webhooks(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<WebhookService>();

    private void CampaignTransition(string name, string description, Func<CampaignService, string, string, Task<Campaign>> move) =>
        Field<NonNullGraphType<CampaignGraphType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<IdGraphType>>("id", "The campaign id.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await move(Campaigns(ctx), ctx.TenantId(), ctx.GetArgument<string>("id")));

    private static UserDataService Data(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<UserDataService>();

    private static TenantService Tenancy(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<TenantService>();
}
