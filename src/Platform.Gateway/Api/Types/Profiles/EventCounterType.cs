using GraphQL.Types;
using Platform.Domain.Profiles;

namespace Platform.Gateway.Api.Types.Profiles;

public sealed class EventCounterType : ObjectGraphType<WindowedCount>
{
    public EventCounterType()
    {
        Name = "EventCounter";
        Description = "How many events of one type a user had.";
        Field<NonNullGraphType<EventTypeEnumType>>("type").Description("The event type.").Resolve(ctx => ctx.Source.Type);
        Field(c => c.Total).Description("Ever.");
        Field(c => c.Last7Days).Description("In the last 7 days (UTC days, today included).");
        Field(c => c.Last30Days).Description("In the last 30 days (UTC days, today included).");
    }
}
