namespace Platform.Gateway.Api.Schema;

public sealed class PlatformSchema : GraphQL.Types.Schema
{
    public PlatformSchema(IServiceProvider services, QueryType query, MutationType mutation, SubscriptionType subscription)
        : base(services)
    {
        Description = "A multi-tenant promotion platform: events and live user profiles, audiences, CSV imports, campaigns with holdouts and measured lift, webhooks. Everything is scoped to the tenant of the API key (docs/api.md).";
        Query = query;
        Mutation = mutation;
        Subscription = subscription;

        // graphql-dotnet's non-standard scalars come without descriptions; ours say what they carry.
        RegisterType(new GraphQL.Types.LongGraphType { Description = "A 64-bit integer, such as a position in a tenant's event log." });
        RegisterType(new GraphQL.Types.DecimalGraphType { Description = "An exact decimal number, used for money amounts." });
        RegisterType(new Types.FiniteFloatGraphType());
    }
}
