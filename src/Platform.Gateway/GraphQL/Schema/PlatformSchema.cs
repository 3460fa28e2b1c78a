namespace Platform.Gateway.GraphQL.Schema;

public sealed class PlatformSchema : global::GraphQL.Types.Schema
{
    public PlatformSchema(IServiceProvider services, QueryType query, MutationType mutation, SubscriptionType subscription)
        : base(services)
    {
        Description = "Personalised promotion platform: tenants, keys and diagnostics.";
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
    }
}
