using System.Text.Json;
using GraphQL.SystemTextJson;
using Platform.Gateway.Api.Execution;

namespace Platform.Gateway.Tests;

public sealed class GraphQLRequestReaderTests
{
    private readonly GraphQLRequestReader reader = new(new GraphQLSerializer());

    [Fact]
    public void AFullRequestIsRead()
    {
        var ok = reader.TryRead(Json("""{"query": "{ a }", "operationName": "A", "variables": {"n": 1}, "extensions": {"x": "y"}}"""), out var request, out _);

        Assert.True(ok);
        Assert.Equal("{ a }", request!.Query);
        Assert.Equal("A", request.OperationName);
        Assert.Equal(1, Convert.ToInt32(request.Variables!["n"]));
        Assert.Equal("y", request.Extensions!["x"]);
    }

    [Fact]
    public void NullOptionalMembersAreAbsentMembers()
    {
        Assert.True(reader.TryRead(Json("""{"query": "{ a }", "operationName": null, "variables": null, "extensions": null}"""), out var request, out _));
        Assert.Null(request!.Variables);
    }

    [Theory]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"notquery": "{ a }"}""", "'query' is required")]
    [InlineData("""{"query": null}""", "'query' is required")]
    [InlineData("""{"query": ["{ a }"]}""", "'query' must be a string")]
    [InlineData("""{"query": "{ a }", "operationName": 1}""", "'operationName' must be a string")]
    [InlineData("""{"query": "{ a }", "variables": [1]}""", "'variables' must be a JSON object")]
    [InlineData("""{"query": "{ a }", "extensions": "x"}""", "'extensions' must be a JSON object")]
    public void AWrongShapeNamesTheMember(string body, string error)
    {
        Assert.False(reader.TryRead(Json(body), out _, out var message));
        Assert.Contains(error, message);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("{\"id\": 3}", true)]
    [InlineData("3", false)]
    [InlineData("{broken", false)]
    public void GetParametersAreJsonObjects(string? text, bool ok) =>
        Assert.Equal(ok, reader.TryReadObjectText("variables", text, out _, out _));

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
