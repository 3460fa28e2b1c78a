namespace Platform.Gateway.Api.Arguments;

public sealed class AttributeValueInput
{
    public string Name { get; set; } = "";

    public double? Number { get; set; }

    public string? Text { get; set; }
}
