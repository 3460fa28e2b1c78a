using GraphQL.Types;
using Platform.Domain.Campaigns;

namespace Platform.Gateway.Api.Types.Campaigns;

public sealed class CampaignStatusEnumType : EnumerationGraphType
{
    public CampaignStatusEnumType()
    {
        Name = "CampaignStatus";
        Description = "Where a campaign is in its life: DRAFT → SCHEDULED → RUNNING ⇄ PAUSED → ENDED.";
        Add("DRAFT", CampaignStatus.Draft, "Being designed; nobody sees it.");
        Add("SCHEDULED", CampaignStatus.Scheduled, "Launched; starts at startsAt.");
        Add("RUNNING", CampaignStatus.Running, "Live: treatment users may get the offer.");
        Add("PAUSED", CampaignStatus.Paused, "Stopped for now by the merchant or because the budget is spent; it can resume.");
        Add("ENDED", CampaignStatus.Ended, "Over, at endsAt or by endCampaign. Final.");
    }
}

public sealed class PauseReasonEnumType : EnumerationGraphType
{
    public PauseReasonEnumType()
    {
        Name = "PauseReason";
        Description = "Why a campaign is paused.";
        Add("MERCHANT", PauseReason.Merchant, "pauseCampaign was called.");
        Add("BUDGET_SPENT", PauseReason.BudgetSpent, "The discount cost reached the budget.");
    }
}

public sealed class CampaignSourceEnumType : EnumerationGraphType
{
    public CampaignSourceEnumType()
    {
        Name = "CampaignSource";
        Description = "Where a campaign came from.";
        Add("DESIGNED", CampaignSource.Designed, "Created with createCampaign.");
        Add("IMPORTED", CampaignSource.Imported, "A past experiment imported from a CSV file.");
    }
}
