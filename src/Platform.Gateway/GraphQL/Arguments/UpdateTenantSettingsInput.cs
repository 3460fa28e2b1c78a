namespace Platform.Gateway.GraphQL.Arguments;

public sealed class UpdateTenantSettingsInput
{
    public int RequestsPerSecond { get; set; }
}
