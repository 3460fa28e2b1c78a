using Platform.Domain.Shoppers;

namespace Platform.Gateway.GraphQL.Arguments;

public sealed class AttributeDefinitionInput
{
    public string Name { get; set; } = "";

    public AttributeKind Kind { get; set; }

    public List<string>? AllowedValues { get; set; }
}
