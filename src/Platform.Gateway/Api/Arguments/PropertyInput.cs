namespace Platform.Gateway.Api.Arguments;

public sealed class PropertyInput
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}
