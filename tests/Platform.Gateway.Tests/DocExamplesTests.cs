using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Platform.Gateway.Api.Authorization;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Transport;
using Platform.Gateway.Auth;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>
/// Every GraphQL example in README.md and docs/*.md passes the gateway's validation (fields, arguments, variables,
/// roles, complexity and depth limits) without deprecated fields, and every field signature the docs quote is the schema's: docs cannot drift.
/// </summary>
public sealed class DocExamplesTests : IDisposable
{
    private static readonly GraphQLSerializer Json = new();
    private readonly SchemaHost host = new(configure: graphQL => graphQL.AddValidationRule<NoDeprecatedElementsRule>());

    public static TheoryData<DocExample> Blocks => [.. DocExamples.GraphQLBlocks()];

    public static TheoryData<DocExample> Requests => [.. DocExamples.RequestBodies()];

    [Fact]
    public void TheDocsHaveExamplesToCheck()
    {
        Assert.True(DocExamples.GraphQLBlocks().Count >= 15, $"found {DocExamples.GraphQLBlocks().Count} graphql blocks");
        Assert.True(DocExamples.RequestBodies().Count >= 10, $"found {DocExamples.RequestBodies().Count} request bodies");
    }

    [Fact]
    public async Task TheCheckRefusesDeprecatedFields()
    {
        var result = await host.ExecuteAsync("{ audienceSummary(audience: { all: true }) { shoppers } }", Callers.Admin);

        Assert.Equal("DEPRECATED", Assert.Single(result.Errors!).Code);
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task AGraphQLBlockIsAValidOperationOrTheSchemasSignature(DocExample example)
    {
        if (IsExecutable(example.Text, out var document))
        {
            foreach (var operation in document!.Definitions.OfType<GraphQLOperationDefinition>())
            {
                await AssertValidAsync(example, operation);
            }

            return;
        }

        foreach (var line in example.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Assert.True(IsRootSignature(line), $"{example}: '{line}' is not a field of Query, Mutation or Subscription as the schema declares it");
        }
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task ARequestBodyIsAValidOperation(DocExample example)
    {
        Assert.True(IsExecutable(example.Text, out var document), $"{example}: not an executable document");
        await AssertValidAsync(example, document!.Definitions.OfType<GraphQLOperationDefinition>().Single());
    }

    private async Task AssertValidAsync(DocExample example, GraphQLOperationDefinition operation)
    {
        var variables = new Dictionary<string, object?>(example.VariablesJson is null ? [] : Json.Deserialize<Inputs>(example.VariablesJson)!);
        foreach (var upload in (operation.Variables?.Items ?? []).Where(v => Print(v.Type).TrimEnd('!') == "Upload"))
        {
            variables[upload.Variable.Name.StringValue] = new UploadedFile("/dev/null", "example.csv", "text/csv", 0); // the multipart request's file
        }

        var type = operation.Operation;
        var operationName = operation.Name?.StringValue;
        var caller = SelectsSystemFields(operation) ? Caller.System : Callers.Admin;
        var transport = type == OperationType.Subscription ? RequestTransport.WebSocket : RequestTransport.HttpPost;
        var result = await host.ExecuteAsync(example.Text, caller, transport, new Inputs(variables), operationName);
        Assert.True(result.Executed, $"{example}: {string.Join("; ", result.Errors?.Select(e => $"{e.Code}: {e.Message}") ?? [])}");
    }

    private bool SelectsSystemFields(GraphQLOperationDefinition operation)
    {
        var root = operation.Operation switch
        {
            OperationType.Mutation => host.Schema.Mutation,
            OperationType.Subscription => host.Schema.Subscription,
            _ => host.Schema.Query,
        };
        return operation.SelectionSet.Selections.OfType<GraphQLField>()
            .Any(f => root?.GetField(f.Name.StringValue) is { } field && FieldAccess.Allows(field, Caller.System));
    }

    private static bool IsExecutable(string text, out GraphQLDocument? document)
    {
        try
        {
            document = Parser.Parse(text);
            return document.Definitions.All(d => d is GraphQLOperationDefinition or GraphQLFragmentDefinition);
        }
        catch (GraphQLSyntaxErrorException)
        {
            document = null;
            return false;
        }
    }

    private bool IsRootSignature(string line)
    {
        var quoted = (GraphQLObjectTypeDefinition)Parser.Parse($"type Quoted {{ {line} }}").Definitions[0];
        var field = quoted.Fields!.Items[0];
        var actual = new[] { host.Schema.Query, host.Schema.Mutation, host.Schema.Subscription }.OfType<IObjectGraphType>()
            .Select(root => root.GetField(field.Name.StringValue)).FirstOrDefault(f => f is not null);
        return actual is not null
            && actual.ResolvedType!.ToString() == Print(field.Type)
            && (field.Arguments?.Items ?? []).Select(a => (a.Name.StringValue, Print(a.Type)))
                .SequenceEqual((actual.Arguments ?? []).Select(a => (a.Name, a.ResolvedType!.ToString()!)));
    }

    private static string Print(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => Print(nonNull.Type) + "!",
        GraphQLListType list => $"[{Print(list.Type)}]",
        GraphQLNamedType named => named.Name.StringValue,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public void Dispose() => host.Dispose();
}
