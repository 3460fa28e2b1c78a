using Platform.Domain.Users;

namespace Platform.Gateway.Api.Arguments;

public sealed class AttributeDefinitionInput
{
    public string Name { get; set; } = "";

    public AttributeKind Kind { get; set; }

    public List<string>? AllowedValues { get; set; }
}
