using GraphQL.Types;
using Platform.Storage.Audiences;

namespace Platform.Gateway.GraphQL.Types.Audiences;

public sealed class BucketType : ObjectGraphType<Bucket>
{
    public BucketType()
    {
        Name = "Bucket";
        Description = "How many shoppers have one value.";
        Field(b => b.Key).Description("The value.");
        Field(b => b.Count).Description("Shoppers with it.");
    }
}
