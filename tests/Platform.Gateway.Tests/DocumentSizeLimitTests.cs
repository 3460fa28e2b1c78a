using GraphQLParser;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Hosting;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests;

/// <summary>
/// Documents whose size, not their cost, would occupy a node: many nodes (validation compares some pairwise)
/// and introspection (free in the cost limit) are bounded before anything runs.
/// </summary>
public sealed class DocumentSizeLimitTests(ITestOutputHelper output) : IDisposable
{
    private readonly SchemaHost host = new();

    [Fact]
    public async Task OneFieldRepeatedFortyThousandTimesIsRefusedBeforeValidation()
    {
        var repeated = string.Join(" ", Enumerable.Repeat("id", 40_000));

        var result = await host.ExecuteAsync($"{{ tenant {{ {repeated} }} }}", Callers.Admin);

        Assert.False(result.Executed);
        Assert.Equal("DOCUMENT_TOO_LARGE", Assert.Single(result.Errors!).Code);
    }

    [Fact]
    public async Task FragmentsAreCountedAsExpanded()
    {
        // Each fragment spreads the next one twice: 2^30 selections once expanded, from 62 in the text.
        var fragments = string.Join(" ", Enumerable.Range(0, 30).Select(i => $"fragment F{i} on Tenant {{ ...F{i + 1} ...F{i + 1} }}"));
        var document = $"{{ tenant {{ ...F0 }} }} {fragments} fragment F30 on Tenant {{ id }}";

        var result = await host.ExecuteAsync(document, Callers.Admin);

        Assert.Equal("DOCUMENT_TOO_LARGE", Assert.Single(result.Errors!).Code);
    }

    [Theory]
    [InlineData("{ tenant { id } }", 2)]
    [InlineData("query($a: ID!) { user(id: $a) @include(if: true) { id } }", 5)] // a variable, a field with an argument and a directive, a field
    [InlineData("{ tenant { ...F ...F } } fragment F on Tenant { id name }", 9)] // tenant, 2 spreads of 2, and the fragment itself (2)
    public void TheCountIsExact(string text, long expected) => Assert.Equal(expected, DocumentNodeCount.Of(Parser.Parse(text), 1_000));

    [Fact]
    public void CountingStopsAboveTheLimit() =>
        Assert.Equal(1_001, DocumentNodeCount.Of(Parser.Parse($"{{ tenant {{ {string.Join(" ", Enumerable.Repeat("id", 5_000))} }} }}"), 1_000));

    [Fact]
    public async Task DirectivesCount()
    {
        var result = await host.ExecuteAsync($"{{ tenant {{ id {string.Join(" ", Enumerable.Repeat("@include(if: true)", 5_000))} }} }}", Callers.Admin);

        Assert.Equal("DOCUMENT_TOO_LARGE", Assert.Single(result.Errors!).Code);
    }

    [Fact]
    public async Task ADocumentDeeperThanTheParserAllowsIsTooDeep()
    {
        var result = await host.ExecuteAsync($"{{ user(id: {new string('[', 1_000)}1{new string(']', 1_000)}) {{ id }} }}", Callers.Admin);

        Assert.Equal("QUERY_TOO_DEEP", Assert.Single(result.Errors!).Code);
    }

    [Fact]
    public async Task ADocumentUnderTheLimitIsValidatedAsUsual()
    {
        var repeated = string.Join(" ", Enumerable.Repeat("id", 1_900));

        var result = await host.ExecuteAsync($"{{ tenant {{ {repeated} }} }}", Callers.Admin);

        // It reaches the resolvers (which fail here: the schema host has no grains), so it passed validation.
        Assert.True(result.Executed);
    }

    [Fact]
    public async Task OneStandardIntrospectionQueryFitsWithRoomToSpare()
    {
        var document = Parser.Parse(IntrospectionQuery.Text);
        var operation = document.Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>().Single();

        var size = IntrospectionSize.Of(host.Schema, document, operation, long.MaxValue - 1);
        var result = await host.ExecuteAsync(IntrospectionQuery.Text, Callers.Admin);

        output.WriteLine($"standard introspection: {size} values");
        Assert.True(result.Executed, string.Join("; ", result.Errors?.Select(e => e.Message) ?? []));
        Assert.InRange(size, 1_000, new GraphQLLimitOptions().MaxIntrospectionValues / 2);
    }

    [Fact]
    public async Task TheCountedSizeIsWhatIntrospectionAnswers()
    {
        const string Query = "{ __type(name: \"Tenant\") { name fields { name args { name } type { kind ofType { name } } } } }";
        var document = Parser.Parse(Query);
        var operation = document.Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>().Single();

        var counted = IntrospectionSize.Of(host.Schema, document, operation, long.MaxValue - 1);
        var result = await host.ExecuteAsync(Query, Callers.Admin);

        Assert.True(result.Executed);
        var json = new GraphQL.SystemTextJson.GraphQLSerializer().Serialize(result);
        Assert.Equal(CountValues(System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("data")), counted);
    }

    [Fact]
    public async Task AliasedFullIntrospectionsAreRefused() // 33 MB were answered to 1,000 such aliases
    {
        var aliases = string.Join(" ", Enumerable.Range(0, 5).Select(i => $"s{i}: __schema {{ types {{ ...FullType }} }}"));
        var fragments = IntrospectionQuery.Text[IntrospectionQuery.Text.IndexOf("fragment FullType", StringComparison.Ordinal)..];

        var result = await host.ExecuteAsync($"{{ {aliases} }} {fragments}", Callers.Admin);

        Assert.False(result.Executed);
        Assert.Equal("COMPLEXITY", Assert.Single(result.Errors!).Code);
    }

    [Fact]
    public void SpreadsThatAnswerNothingStillCountAsWork()
    {
        // A cyclic fragment answers no value, but walking it for each of the schema's fields would take minutes.
        var spreads = string.Join(" ", Enumerable.Repeat("...E", 1_500));
        var document = Parser.Parse($"{{ __schema {{ types {{ fields {{ type {{ fields {{ {spreads} }} }} }} }} }} }} fragment E on __Field {{ ...E }}");
        var operation = document.Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>().Single();

        Assert.Equal(40_001, IntrospectionSize.Of(host.Schema, document, operation, 40_000));
    }

    [Fact]
    public async Task AnEmptyTypeNameIsRefusedBeforeGraphQLDotnetFailsOnIt()
    {
        var result = await host.ExecuteAsync("{ __type(name: \"\") { name } }", Callers.Admin);

        Assert.False(result.Executed);
        Assert.Equal("INVALID_ARGUMENT", Assert.Single(result.Errors!).Code);
    }

    // Every value of the response: each property (its value one value) and each list item, as IntrospectionSize counts.
    private static long CountValues(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => element.EnumerateObject().Sum(p => 1 + Inner(p.Value)),
        _ => 0,
    };

    private static long Inner(System.Text.Json.JsonElement value) => value.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => CountValues(value),
        System.Text.Json.JsonValueKind.Array => value.EnumerateArray().Sum(item => 1 + Inner(item)),
        _ => 0,
    };

    public void Dispose() => host.Dispose();
}
