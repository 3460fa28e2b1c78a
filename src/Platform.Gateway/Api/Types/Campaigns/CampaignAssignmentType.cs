using GraphQL.Types;
using Platform.Domain.Campaigns;

namespace Platform.Gateway.Api.Types.Campaigns;

public sealed record CampaignAssignment(string UserId, CampaignArm Arm);

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
        Description = "Which side of a campaign a user is on (docs/campaigns.md#holdout-assignment).";
        Field(a => a.UserId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The user.");
        Field<NonNullGraphType<CampaignArmEnumType>>("arm").Description("Its side.").Resolve(ctx => ctx.Source.Arm);
    }
}
