namespace Platform.Domain.Campaigns;

/// <summary>
/// The budget rule: a treatment redemption counts (and costs its discount) while the discount given so far is below
/// the budget, so the spend overshoots by at most one redemption; a RUNNING campaign whose spend reached its budget
/// pauses with BUDGET_SPENT. A campaign without a budget counts every redemption.
/// </summary>
public static class CampaignBudget
{
    public static bool Counts(CampaignDesign design, decimal discountGiven) => design.Budget is not { } budget || discountGiven < budget;

    public static bool MustPause(Campaign campaign, decimal discountGiven) =>
        campaign.Status == CampaignStatus.Running && campaign.Design.Budget is { } budget && discountGiven >= budget;
}
