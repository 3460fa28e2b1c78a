using GraphQL;
using Platform.Gateway.Auth;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Tests;

/// <summary>The validation rules reject documents before any resolver runs, on first sight and from the document cache.</summary>
public sealed class ValidationRuleTests : IDisposable
{
    private readonly SchemaHost host = new(new GraphQLLimitOptions { MaxDepth = 2, MaxComplexity = 30 });

    [Fact]
    public async Task APartnerCannotSelectAMutationEvenFromTheDocumentCache()
    {
        const string Mutation = "mutation { createApiKey(input: { role: ADMIN, name: \"x\" }) { secret } }";
        await host.ExecuteAsync(Mutation, Callers.Merchant); // caches the parsed document after validation fails? it must not matter

        var first = await host.ExecuteAsync(Mutation, Callers.Partner);
        var second = await host.ExecuteAsync(Mutation, Callers.Partner);

        Assert.All(new[] { first, second }, result =>
        {
            Assert.False(result.Executed);
            Assert.Equal("FORBIDDEN", Assert.Single(result.Errors!).Code);
        });
    }

    [Fact]
    public async Task ACachedDocumentIsStillCheckedForTheNextCaller()
    {
        const string Query = "{ apiKeys { hasNextPage } }";
        var introspectionFirst = await host.ExecuteAsync("{ __typename }", Callers.Admin);
        Assert.True(introspectionFirst.Executed);

        // An admin's document that passed validation is cached...
        var admin = await host.ExecuteAsync(Query, Callers.Admin);
        // ...and a merchant sending the same text is still refused.
        var merchant = await host.ExecuteAsync(Query, Callers.Merchant);

        Assert.True(admin.Executed);
        Assert.False(merchant.Executed);
        Assert.Equal("FORBIDDEN", Assert.Single(merchant.Errors!).Code);
    }

    [Theory]
    [InlineData("{ audienceSummary(audience: { tags: [\"ok\", \"a\\ud800\"] }) { users } }", "audience")]
    [InlineData("{ __type(name: \"\\udc00x\") { name } }", "name")]
    [InlineData("query($t: String = \"\\ud83d\") { __type(name: $t) { name } }", "t")]
    public async Task AStringInTheDocumentThatEscapesHalfASurrogatePairIsRefusedNamingWhereItIs(string document, string field)
    {
        var result = await host.ExecuteAsync(document, Callers.Merchant);

        Assert.False(result.Executed);
        var error = Assert.Single(result.Errors!);
        Assert.Equal(("INVALID_ARGUMENT", field, "format"), (error.Code, error.Extensions!["field"], error.Extensions["rule"]));
    }

    [Fact]
    public async Task AWholeSurrogatePairInTheDocumentIsText()
    {
        var result = await host.ExecuteAsync("{ __type(name: \"\\ud83d\\ude00\") { name } }", Callers.Merchant);

        Assert.True(result.Executed);
        Assert.Null(result.Errors);
    }

    [Fact]
    public async Task TheSystemKeyMayOnlyCreateTenants()
    {
        var result = await host.ExecuteAsync("{ tenant { id } }", Caller.System);

        Assert.Equal("FORBIDDEN", Assert.Single(result.Errors!).Code);
    }

    [Fact]
    public async Task DepthIsLimitedButIntrospectionIsNotCounted()
    {
        var deep = await host.ExecuteAsync("{ tenant { settings { requestsPerSecond } } }", Callers.Admin);
        var introspection = await host.ExecuteAsync("{ __schema { types { fields { type { ofType { ofType { name } } } } } } }", Callers.Admin);

        Assert.Equal("QUERY_TOO_DEEP", Assert.Single(deep.Errors!).Code);
        Assert.True(introspection.Executed, string.Join("; ", introspection.Errors?.Select(e => e.Message) ?? []));
    }

    [Fact]
    public async Task DepthFollowsFragments()
    {
        var result = await host.ExecuteAsync(
            "query { ...T } fragment T on Query { tenant { ...S } } fragment S on Tenant { settings { requestsPerSecond } }", Callers.Admin);

        Assert.Equal("QUERY_TOO_DEEP", Assert.Single(result.Errors!).Code);
    }

    [Fact]
    public async Task ComplexityIsLimited()
    {
        var aliases = string.Join(" ", Enumerable.Range(0, 40).Select(i => $"t{i}: tenant {{ id }}"));

        var result = await host.ExecuteAsync($"{{ {aliases} }}", Callers.Admin);

        Assert.False(result.Executed);
        var error = Assert.Single(result.Errors!);
        Assert.Contains("complexity", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("COMPLEXITY", error.Code);
    }

    [Fact]
    public async Task AResolverFailureIsAnInternalErrorWithoutItsDetails()
    {
        // The schema host registers no stores or grains: the resolver fails as an unexpected error would.
        var result = await new SchemaHost().ExecuteAsync("{ tenant { id } }", Callers.Admin);
        var error = Assert.Single(result.Errors!);
        var info = new PlatformErrorInfoProvider().GetInfo(error);

        Assert.Equal("INTERNAL_SERVER_ERROR", info.Extensions!["code"]);
        Assert.DoesNotContain("IGrainFactory", info.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RequestTransport.HttpGet, "mutation { systemCheck { id } }", "METHOD_NOT_ALLOWED")]
    [InlineData(RequestTransport.HttpPost, "subscription { systemCheckProgress(id: \"1\") { status } }", "SUBSCRIPTION_REQUIRES_WEBSOCKET")]
    [InlineData(RequestTransport.HttpGet, "subscription { systemCheckProgress(id: \"1\") { status } }", "SUBSCRIPTION_REQUIRES_WEBSOCKET")]
    public async Task OperationsMustUseATransportThatCarriesThem(RequestTransport transport, string document, string code)
    {
        var result = await host.ExecuteAsync(document, Callers.Admin, transport);

        Assert.Equal(code, Assert.Single(result.Errors!).Code);
    }

    [Theory]
    [InlineData("{\"changes\": {\"holdoutShare\": 1e400}}")]
    [InlineData("{\"changes\": {\"holdoutShare\": -1e400}}")]
    public async Task AFloatBeyondTheRangeOfDoublesIsAnInvalidValue(string json)
    {
        // graphql-dotnet reads 1e400 as infinity; before FiniteFloatGraphType a campaign grain call failed on it.
        var variables = new GraphQL.SystemTextJson.GraphQLSerializer().Deserialize<Inputs>(json);

        var result = await host.ExecuteAsync(
            "mutation($changes: CampaignChangesInput!) { updateCampaign(id: \"c1\", changes: $changes) { __typename } }", Callers.Admin, variables: variables);

        Assert.False(result.Executed);
        Assert.Equal("INVALID_VALUE", Assert.Single(result.Errors!).Code);
    }

    public void Dispose() => host.Dispose();
}
