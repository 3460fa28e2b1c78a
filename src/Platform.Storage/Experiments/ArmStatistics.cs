namespace Platform.Storage.Experiments;

/// <summary>Totals of one side of a campaign over its outcome rows; an outcome no row has a value for (no column mapped, or every cell empty) is null, not zero.</summary>
public sealed record ArmStatistics(string CampaignId, bool Treated, long Customers, long? Participants, long? Converters, long? Conversions, decimal? Revenue)
{
    /// <summary>Conversions (orders) per customer, the usual "conversion rate" of an experiment readout.</summary>
    public double? ConversionRate => Customers > 0 ? (double?)Conversions / Customers : null;

    /// <summary>Share of customers with at least one conversion.</summary>
    public double? ConverterRate => Customers > 0 ? (double?)Converters / Customers : null;

    public decimal? RevenuePerCustomer => Customers > 0 ? Revenue / Customers : null;
}
