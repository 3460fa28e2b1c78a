namespace Platform.Gateway.Api.Arguments;

public sealed class CreateTenantInput
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public int? RequestsPerSecond { get; set; }
}
