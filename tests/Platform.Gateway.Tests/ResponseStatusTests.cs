using GraphQL;
using Platform.Gateway.Api.Transport;

namespace Platform.Gateway.Tests;

public sealed class ResponseStatusTests
{
    [Theory]
    [InlineData(MediaTypes.GraphQLResponse, 400)]
    [InlineData(MediaTypes.Json, 200)]
    public void ARejectedDocumentIs400OnlyUnderTheGraphQLResponseType(string mediaType, int status) =>
        Assert.Equal(status, ResponseStatus.For(Rejected("SOME_VALIDATION_RULE"), mediaType));

    [Theory]
    [InlineData("FORBIDDEN", 403)]
    [InlineData("METHOD_NOT_ALLOWED", 405)]
    [InlineData("RATE_LIMITED", 429)]
    [InlineData("UNAVAILABLE", 503)]
    public void AuthorizationAndMethodErrorsMeanTheSameUnderEitherType(string code, int status)
    {
        Assert.Equal(status, ResponseStatus.For(Rejected(code), MediaTypes.Json));
        Assert.Equal(status, ResponseStatus.For(Rejected(code), MediaTypes.GraphQLResponse));
    }

    [Fact]
    public void AResultThatRanIs200EvenWithFieldErrors()
    {
        var result = new ExecutionResult { Executed = true, Errors = [new ExecutionError("field failed") { Code = "NOT_FOUND" }] };

        Assert.Equal(200, ResponseStatus.For(result, MediaTypes.GraphQLResponse));
    }

    private static ExecutionResult Rejected(string code) => new() { Executed = false, Errors = [new ExecutionError("no") { Code = code }] };
}
