using System.Net;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Transport;

/// <summary>GraphQL over HTTP: status codes and structured errors for every kind of bad request.</summary>
public sealed class HttpTransportTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string TenantQuery = "{ tenant { id name settings { requestsPerSecond } } }";

    [Fact]
    public async Task AnAdminKeyReadsItsTenant()
    {
        var (tenantId, admin) = await platform.CreateTenantAsync();

        var response = await platform.Http.PostAsync(admin, TenantQuery);

        response.AssertSuccess();
        Assert.Equal(tenantId, response.Data.GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal(GraphQLHttp.GraphQLResponseType, response.ContentType);
    }

    [Fact]
    public async Task AQueryOverGetWorks()
    {
        var (tenantId, admin) = await platform.CreateTenantAsync();

        var response = await platform.Http.GetAsync(admin, TenantQuery, accept: "application/json");

        response.AssertSuccess();
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal(tenantId, response.Data.GetProperty("tenant").GetProperty("id").GetString());
    }

    [Fact]
    public async Task AMutationOverGetIsRefusedWith405()
    {
        var (_, admin) = await platform.CreateTenantAsync();

        var response = await platform.Http.GetAsync(admin, "mutation { systemCheck { id } }");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal(["METHOD_NOT_ALLOWED"], response.ErrorCodes);
        Assert.False(response.Body.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData("{ not json", "INVALID_JSON")]
    [InlineData("", "INVALID_JSON")]
    [InlineData("[1, 2]", "INVALID_REQUEST")]
    [InlineData("""{"query": 42}""", "INVALID_REQUEST")]
    [InlineData("""{"query": "{ __typename }", "variables": "x"}""", "INVALID_REQUEST")]
    [InlineData("""{"query": "{ __typename }", "operationName": 7}""", "INVALID_REQUEST")]
    public async Task MalformedBodiesAre400WithACode(string body, string code)
    {
        var (_, admin) = await platform.CreateTenantAsync();

        var response = await platform.Http.SendRawAsync(admin, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal([code], response.ErrorCodes);
        Assert.False(string.IsNullOrEmpty(response.FirstError.GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData("{\"query\": \"{ tenant { id } }\", \"operationName\": \"\xFF\"}")] // invalid UTF-8 (a lone 0xFF byte)
    [InlineData("{\"query\": \"{ tenant { id \xC3 } }\"}")] // a truncated two-byte sequence
    [InlineData("{\"query\": \"query($id: ID!) { user(id: $id) { __typename } }\", \"variables\": {\"id\": \"a\\ud800\"}}")] // a lone surrogate, escaped
    [InlineData("{\"query\": \"{ tenant { id } }\\udc00\"}")] // the same in the query
    [InlineData("{\"query\": \"{ tenant { id } }\", \"operationName\": \"\\ud800\"}")] // and in operationName
    [InlineData("{\"query\": \"query($id: ID!) { user(id: $id) { __typename } }\", \"variables\": {\"id\": \"a\", \"b\\ud800\": 1}}")] // and in a key
    [InlineData("{\"query\": \"{ __typename }\", \"query\": \"{ tenant { id } }\"}")] // a key given twice: neither wins
    public async Task TextThatIsNotUtf8JsonIs400InvalidJson(string latin1Body)
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var content = new ByteArrayContent(System.Text.Encoding.Latin1.GetBytes(latin1Body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await platform.Http.SendContentAsync(admin, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["INVALID_JSON"], response.ErrorCodes);
    }

    [Theory]
    [InlineData("{\"query\": \"mutation($file: Upload!) { importDataset(kind: EVENTS, file: $file) { id } }\", \"variables\": {\"file\": null}, \"operationName\": \"\xFF\"}", "{\"0\": [\"variables.file\"]}")]
    [InlineData("{\"query\": \"mutation($file: Upload!) { importDataset(kind: EVENTS, file: $file) { id } }\", \"variables\": {\"file\": null}}", "{\"0\": [\"variables.other\"]}")]
    [InlineData("{\"query\": \"mutation($file: Upload!) { importDataset(kind: EVENTS, file: $file) { id } }\", \"variables\": {\"file\": null}}", "{\"0\": null}")]
    [InlineData("{\"query\": \"mutation($file: Upload!) { importDataset(kind: EVENTS, file: $file) { id } }\", \"variables\": {\"file\": null}}", "{\"0\": [null]}")]
    [InlineData("{\"query\": \"{ tenant { id } }\\ud800\"}", "{}")]
    public async Task AMalformedMultipartRequestIs400InvalidRequest(string latin1Operations, string map)
    {
        var (_, admin) = await platform.CreateTenantAsync();
        var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(System.Text.Encoding.Latin1.GetBytes(latin1Operations)), "operations" },
            { new StringContent(map), "map" },
            { new ByteArrayContent("userId,eventType\n"u8.ToArray()), "0", "events.csv" },
        };

        var response = await platform.Http.SendContentAsync(admin, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["INVALID_REQUEST"], response.ErrorCodes);
    }

    [Fact]
    public async Task AWrongContentTypeIs415()
    {
        var (_, admin) = await platform.CreateTenantAsync();

        var response = await platform.Http.SendRawAsync(admin, """{"query": "{ __typename }"}""", contentType: "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal(["UNSUPPORTED_MEDIA_TYPE"], response.ErrorCodes);
    }

    [Fact]
    public async Task AnUnacceptableAcceptHeaderIs406()
    {
        var (_, admin) = await platform.CreateTenantAsync();

        var response = await platform.Http.PostAsync(admin, "{ __typename }", accept: "text/html");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.Status);
        Assert.Equal(["NOT_ACCEPTABLE"], response.ErrorCodes);
    }

    [Fact]
    public async Task AnUnknownOperationNameIsARequestError()
    {
        var (_, admin) = await platform.CreateTenantAsync();

        var strict = await platform.Http.PostAsync(admin, "query A { __typename } query B { __typename }", operationName: "C");
        var legacy = await platform.Http.PostAsync(admin, "query A { __typename } query B { __typename }", operationName: "C", accept: "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, strict.Status);
        Assert.Equal(HttpStatusCode.OK, legacy.Status);
        Assert.NotNull(Assert.Single(strict.ErrorCodes));
        Assert.Contains("C", strict.FirstError.GetProperty("message").GetString());
        Assert.False(strict.Body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task ASyntaxErrorIsARequestErrorWithItsLocation()
    {
        var (_, admin) = await platform.CreateTenantAsync();

        var response = await platform.Http.PostAsync(admin, "{ tenant { id ");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.True(response.FirstError.TryGetProperty("locations", out _));
        Assert.NotNull(Assert.Single(response.ErrorCodes));
    }

    [Fact]
    public async Task AnInvalidArgumentNamesTheFieldAndTheRule()
    {
        var response = await platform.Http.PostAsync(
            platform.Settings.SystemKey,
            "mutation { createTenant(input: { id: \"Bad Id!\", name: \"x\" }) { tenant { id } } }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes);
        var extensions = response.FirstError.GetProperty("extensions");
        Assert.Equal("input.id", extensions.GetProperty("field").GetString());
        Assert.Equal("format", extensions.GetProperty("rule").GetString());
        Assert.Contains("lowercase", response.FirstError.GetProperty("message").GetString());
        Assert.Equal(["input.id"], extensions.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task CreatingATenantTwiceIsRefused()
    {
        var (tenantId, _) = await platform.CreateTenantAsync();

        var response = await platform.Http.PostAsync(
            platform.Settings.SystemKey,
            "mutation($id: ID!) { createTenant(input: { id: $id, name: \"again\" }) { tenant { id } } }",
            new { id = tenantId });

        Assert.Equal(["ALREADY_EXISTS"], response.ErrorCodes);
    }

    [Fact]
    public async Task TheServerKeepsServingAfterBadRequests()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        await platform.Http.SendRawAsync(admin, "{{{{");
        await platform.Http.SendRawAsync(admin, """{"query": "{ nope }"}""");
        await platform.Http.SendRawAsync(null, """{"query": "{ __typename }"}""");
        await platform.Http.GetAsync(admin, "mutation { systemCheck { id } }");

        var response = await platform.Http.PostAsync(admin, TenantQuery);

        response.AssertSuccess();
    }
}
