using GraphQL.Types;
using Platform.Domain.Campaigns;

namespace Platform.Gateway.Api.Types.Campaigns;

public sealed record CampaignAssignment(string UserId, CampaignArm? Arm, Ineligibility? IneligibleBecause, int ExposuresToday);

public sealed class CampaignArmEnumType : EnumerationGraphType
{
    public CampaignArmEnumType()
    {
        Name = "CampaignArm";
        Description = "A side of a campaign's experiment.";
        Add("TREATMENT", CampaignArm.Treatment, "May be shown and given the offer.");
        Add("CONTROL", CampaignArm.Control, "The holdout: never shown or given the offer, tracked for the same outcomes.");
    }
}

public sealed class CampaignAssignmentType : ObjectGraphType<CampaignAssignment>
{
    public CampaignAssignmentType()
    {
        Name = "CampaignAssignment";
        Description = "Which side of a campaign a user is on and whether they may be shown it now (docs/campaigns.md#targeting).";
        Field(a => a.UserId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The user.");
        Field<CampaignArmEnumType>("arm").Description("Its side; null when the user is outside the campaign's audience (never enrolled, never counted).").Resolve(ctx => ctx.Source.Arm);
        Field<NonNullGraphType<BooleanGraphType>>("eligible")
            .Description("Whether the user may be shown the campaign now: it is RUNNING, the user is in its audience and under its daily frequency cap. Show the offer to eligible TREATMENT users only.")
            .Resolve(ctx => ctx.Source.IneligibleBecause is null);
        Field<IneligibilityEnumType>("ineligibleBecause").Description("Why not, when not eligible.").Resolve(ctx => ctx.Source.IneligibleBecause);
        Field(a => a.ExposuresToday).Description("CAMPAIGN_EXPOSURE events of this user for this campaign on this UTC day (what frequencyCapPerDay counts).");
    }
}

public sealed class IneligibilityEnumType : EnumerationGraphType
{
    public IneligibilityEnumType()
    {
        Name = "Ineligibility";
        Description = "Why a user may not be shown a campaign now.";
        Add("NOT_RUNNING", Ineligibility.NotRunning, "The campaign is not RUNNING.");
        Add("NOT_IN_AUDIENCE", Ineligibility.NotInAudience, "The user is outside the campaign's audience.");
        Add("FREQUENCY_CAP_REACHED", Ineligibility.FrequencyCapReached, "The user has had frequencyCapPerDay exposures today (UTC).");
    }
}
