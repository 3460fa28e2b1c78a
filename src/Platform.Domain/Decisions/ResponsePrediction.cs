namespace Platform.Domain.Decisions;

/// <summary>
/// What one model (one ensemble member) predicts for one user under one design, over the campaign's outcome window:
/// the chance to buy without and with the offer, the expected order value of a purchase on each side, and the chance to
/// take part if offered.
/// </summary>
public readonly record struct ResponsePrediction(
    double ControlConversion, double TreatedConversion, double ControlOrderValue, double TreatedOrderValue, double Participation)
{
    public double IncrementalConversions => TreatedConversion - ControlConversion;

    public double IncrementalRevenue => (TreatedConversion * TreatedOrderValue) - (ControlConversion * ControlOrderValue);
}
