using GraphQL.Types;
using Platform.Domain.Users;

namespace Platform.Gateway.Api.Types.Users;

public sealed class AttributeKindEnumType : EnumerationGraphType
{
    public AttributeKindEnumType()
    {
        Name = "AttributeKind";
        Description = "The kind of a custom user attribute.";
        Add("NUMERIC", AttributeKind.Numeric, "A finite number.");
        Add("CATEGORICAL", AttributeKind.Categorical, "A short text, optionally from a declared list.");
    }
}
