using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Platform.IntegrationTests.Support;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// Every argument of every query and mutation, sent malformed or extreme values (<see cref="SchemaFuzzer"/>) by a tenant
/// ADMIN: never a 5xx, never an unexpected server error, every refusal with a code; and no refused mutation changes a row
/// of the tenant. docs/reliability.md has the figures.
/// </summary>
public sealed class SchemaFuzzTests(PlatformFixture platform, ITestOutputHelper output) : IClassFixture<PlatformFixture>
{
    private const int Concurrency = 4;
    private static readonly JsonSerializerOptions Deep = new() { MaxDepth = 1_000 };

    [Fact]
    public async Task NoInputMakesTheGatewayFail()
    {
        var (tenantId, admin) = await platform.CreateTenantAsync("fuzz");
        (await platform.Http.PostAsync(platform.Settings.SystemKey, Tenants.SetRateLimit, new { tenant = tenantId, perSecond = 100_000 })).AssertSuccess();
        var introspection = await platform.Http.PostAsync(admin, IntrospectionQuery.Text);
        introspection.AssertSuccess();
        var fuzzer = new SchemaFuzzer(introspection.Data.GetProperty("__schema"));
        var cases = fuzzer.Cases(fuzzer.Query).Concat(fuzzer.Cases(fuzzer.Mutation)).ToList();

        var failures = new ConcurrentBag<string>();
        var refused = 0;
        var slowest = (Milliseconds: 0.0, Case: "");
        var gate = new object();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (fuzzCase, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            var response = await platform.Http.SendRawAsync(admin, JsonSerializer.Serialize(new { query = fuzzCase.Document, variables = fuzzCase.Variables }, Deep));
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var problem = Problem(response);
            lock (gate)
            {
                refused += response.HasErrors ? 1 : 0;
                slowest = milliseconds > slowest.Milliseconds ? (milliseconds, fuzzCase.ToString()) : slowest;
            }

            if (problem is not null)
            {
                failures.Add($"{fuzzCase}: {problem}");
            }
        });

        output.WriteLine($"fuzz: {cases.Count} requests over {cases.Select(c => c.Field).Distinct().Count()} fields, {refused} refused, " +
            $"{failures.Count} failures; slowest {slowest.Milliseconds:F0} ms: {slowest.Case}");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} requests failed:\n" + string.Join("\n", failures.Distinct().Order().Take(40)));
    }

    /// <summary>
    /// Each mutation case, one at a time on a tenant that has users, events, a campaign, a segment and a webhook: when the
    /// mutation is refused (its field answers null with an error), every row of the tenant in every table is as before.
    /// After an accepted case the tenant's rows are left to settle (profiles and projections are written in the background).
    /// </summary>
    [Fact]
    public async Task ARefusedMutationChangesNothingInTheDatabase()
    {
        var (tenantId, admin) = await platform.CreateTenantAsync("fuzzdb");
        (await platform.Http.PostAsync(platform.Settings.SystemKey, Tenants.SetRateLimit, new { tenant = tenantId, perSecond = 100_000 })).AssertSuccess();
        await SeedAsync(admin);
        var introspection = await platform.Http.PostAsync(admin, IntrospectionQuery.Text);
        introspection.AssertSuccess();
        var fuzzer = new SchemaFuzzer(introspection.Data.GetProperty("__schema"));
        var cases = fuzzer.Cases(fuzzer.Mutation).ToList();
        await using var database = await TenantRows.OpenAsync(platform.Settings.ConnectionString, tenantId);
        var rows = await database.SettledAsync();

        var changed = new List<string>();
        var (refusedBeforeRunning, refusedByResolver) = (0, 0);
        foreach (var fuzzCase in cases)
        {
            var response = await platform.Http.SendRawAsync(admin, JsonSerializer.Serialize(new { query = fuzzCase.Document, variables = fuzzCase.Variables }, Deep));
            var ran = response.Status == HttpStatusCode.OK; // application/graphql-response+json: 200 once it ran, 400 when validation refused it
            if (ran && response.Body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty(fuzzCase.Field, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                rows = await database.SettledAsync();
                continue;
            }

            (refusedBeforeRunning, refusedByResolver) = ran ? (refusedBeforeRunning, refusedByResolver + 1) : (refusedBeforeRunning + 1, refusedByResolver);
            var after = await database.ReadAsync();
            var moved = TenantRows.Differences(rows, after);
            if (moved.Count > 0)
            {
                changed.Add($"{fuzzCase} ({string.Join(", ", response.ErrorCodes)}) changed {string.Join(", ", moved)}");
                rows = await database.SettledAsync();
            }
        }

        output.WriteLine($"database check: {cases.Count} mutation requests, {refusedBeforeRunning} refused before running (validation), " +
            $"{refusedByResolver} refused by their resolver, {changed.Count} refused ones changed a row of the tenant; {rows.Count} tables fingerprinted");
        Assert.True(refusedByResolver >= 100, $"only {refusedByResolver} of {cases.Count} reached a resolver and were refused there: the check checked little");
        Assert.True(changed.Count == 0, string.Join("\n", changed.Take(40)));
    }

    private async Task SeedAsync(string admin)
    {
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, 20).SelectMany(i => new[]
        {
            Events.View($"v{i}", $"user-{i}", $"sku-{i % 4}", now.AddDays(-i), category: $"cat-{i % 3}"),
            Events.Purchase($"p{i}", $"user-{i}", 20 + i, now.AddDays(-i).AddMinutes(5)),
        }).ToArray();
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events })).AssertSuccess();
        await platform.Http.FieldAsync(admin, Campaigns.CampaignApiTests.Create, new { d = Campaigns.CampaignApiTests.Design(now.AddDays(1), now.AddDays(8), new { }) }, "createCampaign");
        await platform.Http.FieldAsync(admin, "mutation { createSegment(name: \"buyers\", rule: { field: \"rfm.f\", op: GTE, number: 1 }) { name } }", null, "createSegment");
        await platform.Http.FieldAsync(admin, "mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { id } }",
            new { i = new { url = "https://hooks.partner.example/kpis", events = new[] { "CAMPAIGN_KPIS" }, secret = "a-secret-of-enough-length" } }, "createWebhook");
    }

    /// <summary>What is wrong with an answer: a 5xx, an unexpected server error, or an error without a code.</summary>
    private static string? Problem(GraphQLResponse response)
    {
        if ((int)response.Status >= 500)
        {
            return $"HTTP {(int)response.Status}";
        }

        if (!response.Body.TryGetProperty("errors", out var errors))
        {
            return null;
        }

        foreach (var error in errors.EnumerateArray())
        {
            var code = error.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var c) ? c.GetString() : null;
            if (string.IsNullOrEmpty(code) || code == "INTERNAL_SERVER_ERROR")
            {
                return $"{code ?? "no code"}: {error.GetProperty("message").GetString()}";
            }
        }

        return response.Status is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.Forbidden
            ? null
            : $"HTTP {(int)response.Status}";
    }
}
