using Platform.Gateway.Api.Transport;

namespace Platform.Gateway.Tests;

public sealed class MediaTypesTests
{
    [Theory]
    [InlineData(null, MediaTypes.Json)]
    [InlineData("", MediaTypes.Json)]
    [InlineData("*/*", MediaTypes.Json)]
    [InlineData("application/*", MediaTypes.Json)]
    [InlineData("application/json", MediaTypes.Json)]
    [InlineData("application/graphql-response+json", MediaTypes.GraphQLResponse)]
    [InlineData("application/graphql-response+json; charset=utf-8, application/json", MediaTypes.GraphQLResponse)]
    [InlineData("application/json;q=0.5, application/graphql-response+json", MediaTypes.Json)]
    [InlineData("text/html, */*", MediaTypes.Json)]
    [InlineData("text/html", null)]
    [InlineData("application/json; charset=latin1", null)]
    public void TheFirstAcceptableEntryWins(string? accept, string? expected) => Assert.Equal(expected, MediaTypes.Negotiate(accept));

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("Application/JSON; charset=UTF-8", true)]
    [InlineData("application/json; charset=latin1", false)]
    [InlineData("text/plain;charset=UTF-8", false)]
    [InlineData(null, false)]
    public void RequestBodiesMustBeJson(string? contentType, bool accepted) => Assert.Equal(accepted, MediaTypes.IsJsonRequest(contentType));
}
