namespace Platform.Domain.Modeling;

/// <summary>
/// A point of a Qini curve drawn for people: the share of held-out users targeted, highest scores first, and the
/// incremental conversions found among them (Q(k)), per held-out user.
/// </summary>
public sealed record QiniPoint(double Share, double Gain);
