using GraphQL;
using GraphQL.Types;
using Platform.Gateway.Api.Limits;

namespace Platform.Gateway.Api.Types.Imports;

public sealed class ExperimentCampaignResultType : ObjectGraphType<ExperimentCampaignResult>
{
    public ExperimentCampaignResultType()
    {
        Name = "ExperimentCampaignResult";
        Description = "An ENDED campaign created from a treatment arm of a past experiment.";
        Field(c => c.CampaignId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The campaign's id.");
        Field(c => c.Name).Description("Experiment and arm name.");
        Field(c => c.HoldoutShare).Description("Share of its customers in the control group.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ArmResultType>>>>("arms")
            .Description("Treatment and control totals.")
            .Resolve(ctx => ctx.Source.Arms)
            .FieldType.ListOf(2); // always two sides
    }
}
