namespace Platform.Simulation;

/// <summary>What one user did in one past campaign: a row of that experiment's file, plus the truth behind it.</summary>
public sealed record ExperimentOutcome(
    CampaignPlan Plan,
    SimulatedArm? Arm,
    int Orders,
    decimal Revenue,
    PrePeriodFeatures Features,
    IReadOnlyList<ArmTruth> Truth)
{
    public string AssignmentValue => Arm?.AssignmentValue ?? CampaignPlan.ControlValue;
}

/// <summary>The user's behaviour before the campaign started, as a merchant's export would carry it.</summary>
public sealed record PrePeriodFeatures(int Sessions30Days, int CartAdds30Days, int Purchases90Days, decimal Spend90Days, int DaysSinceVisit);
