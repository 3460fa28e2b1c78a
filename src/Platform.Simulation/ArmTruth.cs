namespace Platform.Simulation;

/// <summary>
/// The exact expected outcomes of one user under one arm of a past campaign, without and with the
/// treatment: the ground truth a model's uplift estimate is judged against.
/// </summary>
public sealed record ArmTruth(string Arm, double ConversionControl, double ConversionTreated, double RevenueControl, double RevenueTreated)
{
    /// <summary>How much the offer raises the chance of buying in the window.</summary>
    public double ConversionUplift => ConversionTreated - ConversionControl;

    /// <summary>Expected revenue the offer adds in the window (negative when the discount costs more than it brings).</summary>
    public double RevenueUplift => RevenueTreated - RevenueControl;
}
