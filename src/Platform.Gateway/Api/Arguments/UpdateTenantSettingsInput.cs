namespace Platform.Gateway.Api.Arguments;

public sealed class UpdateTenantSettingsInput
{
    public int? EventHorizonDays { get; set; }

    public double? AffinityHalfLifeDays { get; set; }

    public double? MarginRate { get; set; }

    public int? PrePeriodDays { get; set; }
}
