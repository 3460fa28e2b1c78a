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
/// ADMIN: never a 5xx, never an unexpected server error, every refusal with a code. docs/reliability.md has the figures.
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
