namespace Platform.Domain.Modeling;

/// <summary>One held-out user of a randomized campaign: the model's score, the side it was on and its outcome (1/0 or an amount).</summary>
public readonly record struct UpliftObservation(double Score, bool Treated, double Outcome);
