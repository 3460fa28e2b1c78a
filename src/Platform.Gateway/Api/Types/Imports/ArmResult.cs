namespace Platform.Gateway.Api.Types.Imports;

/// <summary>Totals of one side of an imported campaign.</summary>
public sealed record ArmResult(string Arm, long Customers, long? Participants, long? Converters, long? Conversions, double? ConversionRate, double? ConverterRate, decimal? Revenue, decimal? RevenuePerCustomer);
