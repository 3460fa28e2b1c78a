using System.Diagnostics;
using System.Net;
using System.Text;
using Platform.IntegrationTests.Support;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// The requests that occupied a node when the gateway was probed, sent whole (up to the 1 MiB body limit): each is
/// refused or answered with a bounded cost. The times are printed for docs/reliability.md, not asserted.
/// </summary>
public sealed class HostileDocumentTests(PlatformFixture platform, ITestOutputHelper output) : IClassFixture<PlatformFixture>
{
    public static TheoryData<string, string> Documents { get; } = new()
    {
        { "one field repeated to fill 1 MiB (~350,000 selections)", $"{{ tenant {{ {string.Join(" ", Enumerable.Repeat("id", 349_000))} }} }}" },
        { "fragments nested to 2^40 selections", $"{{ tenant {{ ...F0 }} }} {string.Join(" ", Enumerable.Range(0, 40).Select(i => $"fragment F{i} on Tenant {{ ...F{i + 1} ...F{i + 1} }}"))} fragment F40 on Tenant {{ id }}" },
        { "1,000 aliased full introspections", $"{{ {string.Join(" ", Enumerable.Range(0, 1_000).Select(i => $"s{i}: __schema {{ types {{ ...FullType }} }}"))} }} {IntrospectionQuery.Text[IntrospectionQuery.Text.IndexOf("fragment FullType", StringComparison.Ordinal)..]}" },
        { "40 aliased audienceSummary (the most the cost limit allows)", $"{{ {string.Join(" ", Enumerable.Range(0, 40).Select(i => $"s{i}: audienceSummary(audience: {{ all: true }}) {{ users }}"))} }}" },
        { "1,000 aliased audienceSummary", $"{{ {string.Join(" ", Enumerable.Range(0, 1_000).Select(i => $"s{i}: audienceSummary(audience: {{ all: true }}) {{ users }}"))} }}" },
        { "the most repeats allowed: one field 1,998 times", $"{{ tenant {{ {string.Join(" ", Enumerable.Repeat("id", 1_998))} }} }}" },
        { "the most directives allowed: 1,997 on one field", $"{{ tenant {{ id {string.Join(" ", Enumerable.Repeat("@include(if: true)", 1_997))} }} }}" },
        { "a 100,000-deep list literal", $"{{ user(id: {new string('[', 100_000)}1{new string(']', 100_000)}) {{ id }} }}" },
        { "50,000 directives on one field", $"{{ tenant {{ id {string.Join(" ", Enumerable.Repeat("@include(if: true)", 50_000))} }} }}" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task AHostileDocumentIsRefusedOrAnsweredWithoutAServerError(string what, string document)
    {
        var (tenantId, admin) = await platform.CreateTenantAsync("hostile");
        (await platform.Http.PostAsync(platform.Settings.SystemKey, Tenants.SetRateLimit, new { tenant = tenantId, perSecond = 100_000 })).AssertSuccess();
        var body = System.Text.Json.JsonSerializer.Serialize(new { query = document });

        var started = Stopwatch.GetTimestamp();
        var response = await platform.Http.SendRawAsync(admin, body);
        var elapsed = Stopwatch.GetElapsedTime(started);

        output.WriteLine($"hostile: {what} | {Encoding.UTF8.GetByteCount(body) / 1024} KiB | {(int)response.Status} {string.Join(",", response.ErrorCodes.Distinct())} | {elapsed.TotalMilliseconds:F0} ms");
        Assert.True((int)response.Status < 500, $"{(int)response.Status}: {response.Body}");
        Assert.True(response.Status == HttpStatusCode.OK || response.ErrorCodes.Count > 0, response.Body.GetRawText());
    }
}
