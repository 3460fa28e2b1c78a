using GraphQL.Types;

namespace Platform.Gateway.GraphQL.Arguments;

public sealed class UpdateTenantSettingsInputType : InputObjectGraphType<UpdateTenantSettingsInput>
{
    public UpdateTenantSettingsInputType()
    {
        Name = "UpdateTenantSettingsInput";
        Description = "New settings for the caller's tenant.";
        Field(i => i.RequestsPerSecond).Description("Requests per second per gateway node, 1 to 100000.");
    }
}
