namespace Platform.Gateway.Api.Arguments;

public sealed class SetTenantFeedPartitionsInput
{
    public string TenantId { get; set; } = "";

    public int Partitions { get; set; }
}
