using GraphQL.Types;
using Platform.Domain.Auth;

namespace Platform.Gateway.Api.Types;

public sealed class RoleEnumType : EnumerationGraphType
{
    public RoleEnumType()
    {
        Name = "Role";
        Description = "What an API key may do inside its tenant.";
        Add("ADMIN", Role.Admin, "Everything in the tenant: keys, settings, schedules and diagnostics.");
        Add("MERCHANT", Role.Merchant, "Data, campaigns, profiles, recommendations and forecasts.");
        Add("PARTNER", Role.Partner, "Reads campaigns, subscribes to their KPIs and manages webhooks; changes nothing else.");
        Add("TRACKER", Role.Tracker, "A write key: sends events through the tracker source (/tracker/v1/...) and nothing else; refused on GraphQL.");
    }
}
