using GraphQL.Types;
using Platform.Domain.Shoppers;

namespace Platform.Gateway.GraphQL.Types.Shoppers;

public sealed class AttributeKindEnumType : EnumerationGraphType
{
    public AttributeKindEnumType()
    {
        Name = "AttributeKind";
        Description = "The kind of a custom shopper attribute.";
        Add("NUMERIC", AttributeKind.Numeric, "A finite number.");
        Add("CATEGORICAL", AttributeKind.Categorical, "A short text, optionally from a declared list.");
    }
}
