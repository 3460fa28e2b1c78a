using GraphQL.Types;
using Platform.Domain.Profiles;

namespace Platform.Gateway.Api.Types.Profiles;

public sealed class TrajectoryStepType : ObjectGraphType<TrajectoryStep>
{
    public TrajectoryStepType()
    {
        Name = "TrajectoryStep";
        Description = "One of the user's latest events.";
        Field<NonNullGraphType<LongGraphType>>("sequence").Description("Its place in the tenant's log.").Resolve(ctx => ctx.Source.Seq);
        Field<NonNullGraphType<EventTypeEnumType>>("type").Description("The event type.").Resolve(ctx => ctx.Source.Type);
        Field(s => s.OccurredAt).Description("When it happened.");
        Field(s => s.ItemId, nullable: true).Description("The item, if any.");
        Field(s => s.CategoryId, nullable: true).Description("The category (from the event or the catalog), if any.");
        Field(s => s.CampaignId, nullable: true).Description("The campaign, if any.");
        Field(s => s.Amount, nullable: true).Description("The amount, if any.");
    }
}
