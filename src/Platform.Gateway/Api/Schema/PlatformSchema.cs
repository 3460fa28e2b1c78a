namespace Platform.Gateway.Api.Schema;

public sealed class PlatformSchema : GraphQL.Types.Schema
{
    public PlatformSchema(IServiceProvider services, QueryType query, MutationType mutation, SubscriptionType subscription)
        : base(services)
    {
        Description = "Personalised promotion platform: tenants, keys and diagnostics.";
        Query = query;
        Mutation = mutation;
        Subscription = subscription;

        // graphql-dotnet's non-standard scalars come without descriptions; ours say what they carry.
        RegisterType(new GraphQL.Types.LongGraphType { Description = "A 64-bit integer, such as a position in a tenant's event log." });
        RegisterType(new GraphQL.Types.DecimalGraphType { Description = "An exact decimal number, used for money amounts." });
    }
}
