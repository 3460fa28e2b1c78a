using GraphQL.Types;
using Platform.Abstractions.Tenants;

namespace Platform.Gateway.GraphQL.Types;

public sealed class TenantSettingsType : ObjectGraphType<TenantSettings>
{
    public TenantSettingsType()
    {
        Name = "TenantSettings";
        Description = "Settings a tenant admin can change.";
        Field(s => s.RequestsPerSecond).Description("Requests per second this tenant may make on each gateway node; excess requests get RATE_LIMITED.");
    }
}
