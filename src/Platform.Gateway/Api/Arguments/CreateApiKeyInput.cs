using Platform.Domain.Auth;

namespace Platform.Gateway.Api.Arguments;

public sealed class CreateApiKeyInput
{
    public Role Role { get; set; }

    public string Name { get; set; } = "";
}
