using GraphQL;
using GraphQL.Types;
using Platform.Domain.Webhooks;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Operations;
using Platform.Storage.Webhooks;

namespace Platform.Gateway.Api.Types.Webhooks;

public sealed class WebhookEventEnumType : EnumerationGraphType
{
    public WebhookEventEnumType()
    {
        Name = "WebhookEvent";
        Description = "What a webhook is sent.";
        Add("CAMPAIGN_KPIS", WebhookEvent.CampaignKpis, "A campaign's KPIs changed (at most once a second per campaign by default).");
        Add("CAMPAIGN_STATUS", WebhookEvent.CampaignStatus, "A campaign changed status.");
        Add("CAMPAIGN_ALERT", WebhookEvent.CampaignAlert, "A campaign's measured lift left its launch forecast's 95% band for the configured number of hours (Platform:Campaigns:AlertAfterHours, default 3; docs/forecasts.md#alerts).");
    }
}

public sealed class WebhookType : ObjectGraphType<Webhook>
{
    public WebhookType()
    {
        Name = "Webhook";
        Description = "An endpoint that receives campaign events by signed HTTP POST (docs/webhooks.md). The secret is never shown.";
        Field(w => w.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The webhook's id.");
        Field(w => w.Url).Description("Where deliveries are POSTed.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookEventEnumType>>>>("events").Description("What it is sent.").Resolve(ctx => ctx.Source.Events);
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("campaignIds").Description("The campaigns it is about; null = all.").Resolve(ctx => ctx.Source.CampaignIds);
        Field(w => w.Active).Description("False once disabled, after repeated failures or by disableWebhook; enableWebhook turns it on again.");
        Field(w => w.ConsecutiveFailures).Description("Failed attempts in a row.");
        Field(w => w.CreatedAt).Description("When it was registered.");
        Field(w => w.DisabledAt, nullable: true).Description("When it was disabled.");
        Field(w => w.DisabledReason, nullable: true).Description("Why it was disabled.");
        Field<NonNullGraphType<WebhookDeliveryPageType>>("deliveries")
            .Description("Its deliveries, newest first.")
            .Argument<IntGraphType>("first", $"Page size, 1 to {WebhookService.MaxDeliveries} (default {WebhookService.DefaultDeliveries}).")
            .Argument<StringGraphType>("after", "endCursor of the previous page.")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<WebhookService>().DeliveriesAsync(
                ctx.TenantId(), ctx.Source.Id, ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), ctx.CancellationToken))
            .FieldType.Paged(WebhookService.DefaultDeliveries);
    }
}

public sealed class WebhookDeliveryPageType() : PageGraphType<WebhookDeliveryType, WebhookDelivery>(
    "WebhookDeliveryPage", "One page of a webhook's deliveries, newest first.", "The deliveries of this page.");

public sealed class WebhookDeliveryType : ObjectGraphType<WebhookDelivery>
{
    public WebhookDeliveryType()
    {
        Name = "WebhookDelivery";
        Description = "One event sent to a webhook, and how its attempts went.";
        Field(d => d.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The delivery id (header X-Platform-Delivery): receivers use it to drop repeats.");
        Field<NonNullGraphType<WebhookEventEnumType>>("event").Description("What was sent.").Resolve(ctx => ctx.Source.Event);
        Field(d => d.Payload).Description("The JSON body.");
        Field(d => d.Status).Description("PENDING (will be tried again), SUCCEEDED or FAILED (no attempts left).");
        Field(d => d.Attempts).Description("Attempts made.");
        Field(d => d.LastStatusCode, nullable: true).Description("HTTP status of the last attempt, if an answer came.");
        Field(d => d.LastError, nullable: true).Description("Why the last attempt failed.");
        Field(d => d.CreatedAt).Description("When the event happened.");
        Field(d => d.LastAttemptAt, nullable: true).Description("When it was last tried.");
        Field(d => d.NextAttemptAt, nullable: true).Description("When it will be tried again.");
        Field(d => d.DeliveredAt, nullable: true).Description("When it succeeded.");
    }
}

public sealed class CreateWebhookInputType : InputObjectGraphType
{
    public CreateWebhookInputType()
    {
        Name = "CreateWebhookInput";
        Description = "A webhook to register.";
        Field<NonNullGraphType<StringGraphType>>("url").Description("https URL on a public address (the deployment may allow http and private addresses).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookEventEnumType>>>>("events").Description("What to send.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("campaignIds").Description("Only these campaigns (1-100); left out = all.");
        Field<NonNullGraphType<StringGraphType>>("secret").Description("16-256 characters; deliveries are signed with it (HMAC-SHA256).");
    }
}
