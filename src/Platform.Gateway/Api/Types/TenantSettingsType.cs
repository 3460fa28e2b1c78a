using GraphQL.Types;
using Platform.Abstractions.Tenants;

namespace Platform.Gateway.Api.Types;

public sealed class TenantSettingsType : ObjectGraphType<TenantSettings>
{
    public TenantSettingsType()
    {
        Name = "TenantSettings";
        Description = "Settings of the tenant.";
        Field(s => s.EventHorizonDays).Description("Events older than this many days are refused at ingestion.");
        Field(s => s.AffinityHalfLifeDays).Description("Half-life of category and brand affinities, in days.");
        Field(s => s.MarginRate).Description("The share of revenue a sale leaves after the cost of goods: incremental margin = incremental revenue × marginRate − discount cost − contact cost.");
        Field(s => s.PrePeriodDays).Description("Days before a campaign assignment whose behaviour (purchases, revenue, views, campaign responses) is stored with it and adjusts the lifts.");
        Field(s => s.RequestsPerSecond).Description("Requests per second this tenant may make on each gateway node (set by the operator); excess requests get RATE_LIMITED.");
    }
}
