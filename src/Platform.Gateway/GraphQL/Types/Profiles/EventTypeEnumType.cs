using GraphQL.Types;
using Platform.Domain.Events;

namespace Platform.Gateway.GraphQL.Types.Profiles;

public sealed class EventTypeEnumType : EnumerationGraphType
{
    public EventTypeEnumType()
    {
        Name = "EventType";
        Description = "Kinds of shopper events.";
        foreach (var type in Enum.GetValues<EventType>())
        {
            Add(EventTypeNames.ToWire(type), type, $"{EventTypeNames.ToWire(type)} events.");
        }
    }
}
