namespace Platform.Domain.Modeling;

/// <summary>
/// One campaign's effect on its held-out users: the conversion lift observed (treated rate − control rate, with its standard
/// error) beside the model's predicted average lift for the same users with its 80% and 95% intervals (ensemble spread and
/// the observation's sampling error), and the same for revenue per user.
/// </summary>
public sealed record CampaignEffect(
    string CampaignId,
    int Treated,
    int Control,
    double ObservedLift,
    double ObservedStandardError,
    double PredictedLift,
    double Low80,
    double High80,
    double Low95,
    double High95,
    double ObservedRevenueLift,
    double PredictedRevenueLift,
    double RevenueLow95,
    double RevenueHigh95)
{
    public bool Covered95 => ObservedLift >= Low95 && ObservedLift <= High95;

    public bool Covered80 => ObservedLift >= Low80 && ObservedLift <= High80;
}
