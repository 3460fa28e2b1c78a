using GraphQL.Types;

namespace Platform.Gateway.Api.Arguments;

public sealed class UpdateTenantSettingsInputType : InputObjectGraphType<UpdateTenantSettingsInput>
{
    public UpdateTenantSettingsInputType()
    {
        Name = "UpdateTenantSettingsInput";
        Description = "Data settings of the caller's tenant; omitted fields keep their value.";
        Field(i => i.EventHorizonDays, nullable: true).Description("Events older than this many days are refused (1 to 18250, i.e. 50 years; default 730).");
        Field(i => i.AffinityHalfLifeDays, nullable: true).Description("Half-life of category and brand affinities, in days (0.5 to 365; default 14).");
        Field(i => i.MarginRate, nullable: true).Description("The share of revenue a sale leaves after the cost of goods (above 0, at most 1; default 0.3): recommendations value incremental revenue at this margin.");
        Field(i => i.PrePeriodDays, nullable: true).Description("Days before a campaign assignment whose behaviour is stored with it and adjusts the lifts (1 to 90; default 30; docs/measurement.md). Applies to assignments made after the change.");
    }
}
