namespace Platform.Gateway.GraphQL.Arguments;

public sealed class UpdateTenantSettingsInput
{
    public int? EventHorizonDays { get; set; }

    public double? AffinityHalfLifeDays { get; set; }
}
