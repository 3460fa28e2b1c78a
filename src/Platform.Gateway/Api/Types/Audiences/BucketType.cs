using GraphQL.Types;
using Platform.Storage.Audiences;

namespace Platform.Gateway.Api.Types.Audiences;

public sealed class BucketType : ObjectGraphType<Bucket>
{
    public BucketType()
    {
        Name = "Bucket";
        Description = "How many users have one value.";
        Field(b => b.Key).Description("The value.");
        Field(b => b.Count).Description("Users with it.");
    }
}
