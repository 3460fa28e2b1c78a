using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Platform.IntegrationTests.Support;

/// <summary>What came back for one GraphQL request, with helpers for the error shape.</summary>
public sealed record GraphQLResponse(HttpStatusCode Status, JsonElement Body, HttpResponseHeaders Headers, string? ContentType)
{
    public JsonElement Data => Body.GetProperty("data");

    public bool HasErrors => Body.TryGetProperty("errors", out _);

    public IReadOnlyList<string?> ErrorCodes =>
        Body.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray()
                .Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString() : null)
                .ToList()
            : [];

    public JsonElement FirstError => Body.GetProperty("errors")[0];

    public void AssertSuccess()
    {
        Assert.True(Status == HttpStatusCode.OK && !HasErrors, $"Expected success, got {(int)Status}: {Body}");
    }
}
