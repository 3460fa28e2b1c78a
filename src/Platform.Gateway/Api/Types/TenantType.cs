using Platform.Domain.Users;
using Platform.Gateway.Api.Limits;
using GraphQL.Types;
using Platform.Abstractions.Tenants;
using Platform.Domain.Auth;
using Platform.Domain.Models;
using Platform.Gateway.Api.Authorization;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Types.Models;
using Platform.Gateway.Operations;

namespace Platform.Gateway.Api.Types;

public sealed class TenantType : ObjectGraphType<TenantInfo>
{
    public TenantType()
    {
        Name = "Tenant";
        Description = "A merchant account; every key, user and campaign belongs to exactly one.";
        Field(t => t.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Slug chosen at creation (lowercase letters, digits, '-').");
        Field(t => t.Name).Description("Display name.");
        Field(t => t.CreatedAt).Description("When the tenant was created (UTC).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Users.AttributeDefinitionType>>>>("attributeSchema").Description("Custom user attributes the tenant declares.").Resolve(ctx => ctx.Source.AttributeSchema)
            .FieldType.ListOf(AttributeSchemaRules.MaxAttributes);
        Field<RoleEnumType>("callerRole").Description("The role of the API key making this request: what it may do (the console shows only that); null for the system key.")
            .Resolve(ctx => ctx.Caller().Role);
        Field<NonNullGraphType<TenantSettingsType>>("settings").Description("Current settings.").Resolve(ctx => ctx.Source.Settings);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RetrainingScheduleType>>>>("schedules")
            .Description("The tenant's model retraining schedules, one per task at most, with their next run.")
            .Roles(Role.Admin, Role.Merchant)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<RetrainingScheduleService>().ListAsync(ctx.Source.Id, ctx.CancellationToken))
            .FieldType.ListOf(Enum.GetValues<ModelTask>().Length);
    }
}
