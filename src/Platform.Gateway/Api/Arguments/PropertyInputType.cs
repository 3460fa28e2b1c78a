using GraphQL.Types;

namespace Platform.Gateway.Api.Arguments;

public sealed class PropertyInputType : InputObjectGraphType<PropertyInput>
{
    public PropertyInputType()
    {
        Name = "PropertyInput";
        Description = "One entry of an event's small string map.";
        Field(p => p.Key).Description("1-64 characters: letters, digits, '_', '-', '.'.");
        Field(p => p.Value).Description("Up to 256 characters.");
    }
}
