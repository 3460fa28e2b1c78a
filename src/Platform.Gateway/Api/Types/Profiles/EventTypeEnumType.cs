using GraphQL.Types;
using Platform.Domain.Events;

namespace Platform.Gateway.Api.Types.Profiles;

public sealed class EventTypeEnumType : EnumerationGraphType
{
    public EventTypeEnumType()
    {
        Name = "EventType";
        Description = "Kinds of user events.";
        foreach (var type in Enum.GetValues<EventType>())
        {
            Add(EventTypeNames.ToWire(type), type, $"{EventTypeNames.ToWire(type)} events.");
        }
    }
}
