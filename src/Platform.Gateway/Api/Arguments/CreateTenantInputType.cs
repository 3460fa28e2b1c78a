using GraphQL.Types;

namespace Platform.Gateway.Api.Arguments;

public sealed class CreateTenantInputType : InputObjectGraphType<CreateTenantInput>
{
    public CreateTenantInputType()
    {
        Name = "CreateTenantInput";
        Description = "A new tenant.";
        Field(i => i.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Slug: 2-40 characters, lowercase letters, digits and '-', starting with a letter.");
        Field(i => i.Name).Description("Display name, up to 200 characters.");
        Field(i => i.RequestsPerSecond, nullable: true).Description("Rate limit per gateway node; default 200.");
    }
}
