namespace Platform.Gateway.Api.Arguments;

public sealed class SetTenantRateLimitInput
{
    public string TenantId { get; set; } = "";

    public int RequestsPerSecond { get; set; }
}
