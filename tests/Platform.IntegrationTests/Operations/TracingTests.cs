using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Platform.Gateway.Hosting;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Operations;

/// <summary>
/// A request's trace through the real stack: the HTTP request, the GraphQL operation, grain calls and PostgreSQL commands
/// all join the trace of the caller's traceparent header. Heard with an ActivityListener in this process (the node runs
/// here), as the OpenTelemetry SDK hears them when an OTLP endpoint is set.
/// </summary>
public sealed class TracingTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task AnIngestJoinsTheCallersTraceThroughGraphQLGrainsAndPostgreSql()
    {
        var (tenant, admin) = await platform.CreateTenantAsync("traced");
        var traceId = ActivityTraceId.CreateRandom();
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore" || PlatformTracing.Sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { if (activity.TraceId == traceId) { spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, platform.Node.GraphQLUri)
        {
            Content = JsonContent.Create(new { query = Events.Ingest, variables = new { events = new[] { Events.View("t1", "traced-user", "sku-1", DateTimeOffset.UtcNow) } } }),
        };
        request.Headers.Add("X-Api-Key", admin);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        await Eventually.ReadUntilAsync(() => Task.FromResult(spans.Count), _ => spans.Any(s => s.Source.Name == "Microsoft.AspNetCore"), TimeSpan.FromSeconds(10));

        var graphQL = Assert.Single(spans, s => s.Source.Name == PlatformTracing.GraphQLSourceName);
        Assert.Equal("GraphQL mutation ingestEvents", graphQL.DisplayName);
        Assert.Equal(tenant, graphQL.GetTagItem("platform.tenant"));
        Assert.Contains(spans, s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Source.Name == "Npgsql");
        Assert.All(spans.Where(s => s.Source.Name != "Microsoft.AspNetCore"), s => Assert.NotEqual(default, s.ParentSpanId));
    }
}
