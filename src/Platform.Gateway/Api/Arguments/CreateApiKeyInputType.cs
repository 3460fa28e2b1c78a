using GraphQL.Types;
using Platform.Gateway.Api.Types;

namespace Platform.Gateway.Api.Arguments;

public sealed class CreateApiKeyInputType : InputObjectGraphType<CreateApiKeyInput>
{
    public CreateApiKeyInputType()
    {
        Name = "CreateApiKeyInput";
        Description = "A new key for the caller's tenant.";
        Field(i => i.Role, type: typeof(NonNullGraphType<RoleEnumType>)).Description("What the key may do.");
        Field(i => i.Name).Description("A label to recognise the key by, up to 200 characters.");
    }
}
