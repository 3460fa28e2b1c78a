using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Platform.Cli.Bench;
using Platform.Cli.Demo;
using Platform.Domain.Events;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// `./platform bench soak`: minutes of steady mixed load on one gateway node — storefront reads, behaviour and campaign
/// events — watching whether its memory, its thread-pool queue or its read latency drift (docs/reliability.md#soak).
/// </summary>
public sealed class SoakBenchCommand(HttpClient http, Uri endpoint, GraphQLClient client, IAnsiConsole console)
{
    public sealed record Settings(int Minutes = 10, int Users = 2_000, int ReadsPerSecond = 100, int EventsPerSecond = 500);

    /// <summary>Memory is judged from the minute after this much of the run (its mean against the last minute's).</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan GaugeEvery = TimeSpan.FromSeconds(5);
    private const string Read = "query($id: ID!) { user(id: $id) { id purchases revenue rfm { segment } categoryAffinities { key score } campaigns { campaignId } } }";

    private const string Method = """
        - **Tenant** — a fresh tenant; its users each get a first view (so every user grain is active before the run), then a
          RUNNING campaign for everyone with a 10% holdout.
        - **Load**, open loop for the whole run (requests go out on schedule, not waiting for answers): `user(id)` of random
          users at the read rate, and one `ingestEvents` call a second carrying the event rate — views, carts and purchases
          of random users, and exposures, clicks and coupon claims of the running campaign (so profiles, the projection,
          the campaign's KPIs and the outcome rows are all written throughout).
        - **Readings** — the gateway's `/metrics` every 5 s: working set (`process_working_set_bytes`), managed heap
          (`dotnet_total_memory_bytes`) and the thread pool's queue. Memory growth compares the mean of the minute after
          the warm-up (2 minutes) with the last minute's (means: the working set rises and falls with each collection); the p99 of `user(id)` compares the first minute with the last; the queue's
          largest value in the last minute must stay below twice the first minute's (at least 10).
        - A reading that cannot be trusted (missing, or an impossible memory figure) is an ERROR line and the command exits
          with an error, never "met".
        """;

    public async Task<int> RunAsync(string systemKey, Settings settings, string reportPath, CancellationToken cancellationToken)
    {
        var (tenantId, admin) = await BenchTenant.CreateAsync(client, systemKey, "soak", cancellationToken);
        var users = Enumerable.Range(0, settings.Users).Select(i => $"soak-{i}").ToList();
        console.MarkupLineInterpolated($"Soak tenant [bold]{tenantId}[/]: {settings.Users:N0} users, {settings.ReadsPerSecond}/s user(id) and {settings.EventsPerSecond} events/s for {settings.Minutes} minutes.");
        var api = new RawGraphQL(http, endpoint, admin);
        await BenchTenant.GiveFirstViewsAsync(api, users, cancellationToken);

        var campaignId = await LaunchAsync(admin, cancellationToken);
        var samples = new SoakSamples();
        var duration = TimeSpan.FromMinutes(settings.Minutes);
        var reading = new ProgressLine("user(id)", settings.ReadsPerSecond * duration.TotalSeconds);
        var writing = new ProgressLine("events", settings.EventsPerSecond * duration.TotalSeconds);
        await ConsoleProgress.RunAsync(console, [reading, writing], async () =>
        {
            var clock = Stopwatch.StartNew();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var gauges = GaugeAsync(samples, clock, stop.Token);
            await Task.WhenAll(
                ReadAsync(api, users, settings.ReadsPerSecond, duration, samples, clock, reading, cancellationToken),
                WriteAsync(api, users, campaignId, settings.EventsPerSecond, duration, samples, clock, writing, cancellationToken));
            await stop.CancelAsync();
            await gauges;
            return 0;
        });

        var results = samples.Results(settings.Minutes, WarmUp.TotalSeconds);
        BenchReport.Print(console, "soak", results);
        await BenchReport.WriteAsync(reportPath, "soak", "soak", Method, results, cancellationToken);
        console.MarkupLineInterpolated($"Written to {reportPath}.");
        return results.Any(r => r.Error) ? 1 : 0;
    }

    private async Task<string> LaunchAsync(string admin, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var design = new { name = "Soak campaign", type = "PERCENT_OFF", value = 10, channel = "BANNER", startsAt = now.AddMinutes(-1), endsAt = now.AddDays(1), holdoutShare = 0.1 };
        var id = (await client.ExecuteAsync(admin, "mutation($d: CampaignDesignInput!) { createCampaign(design: $d) { id } }", new { d = design }, cancellationToken))
            .GetProperty("createCampaign").GetProperty("id").GetString()!;
        await client.ExecuteAsync(admin, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id }, cancellationToken);
        return id;
    }

    // Open loop: the n-th read goes out at n ÷ rate seconds, answered or not.
    private static async Task ReadAsync(
        RawGraphQL api, IReadOnlyList<string> users, int perSecond, TimeSpan duration, SoakSamples samples, Stopwatch clock, ProgressLine progress, CancellationToken cancellationToken)
    {
        var random = new Random(11);
        var inFlight = new List<Task>();
        var total = (long)(perSecond * duration.TotalSeconds);
        for (long n = 0; n < total; n++)
        {
            var due = TimeSpan.FromSeconds((double)n / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var body = JsonSerializer.Serialize(new { query = Read, variables = new { id = users[random.Next(users.Count)] } });
            inFlight.Add(Task.Run(async () =>
            {
                var sent = clock.Elapsed;
                try
                {
                    await api.PostAsync(body, cancellationToken);
                    lock (samples)
                    {
                        samples.Reads.Add((sent.TotalSeconds, (clock.Elapsed - sent).TotalMilliseconds));
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or GraphQLClientException)
                {
                    lock (samples)
                    {
                        samples.ReadErrors++;
                    }
                }
            }, cancellationToken));
            progress.Value = n + 1;
            inFlight.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(inFlight);
    }

    // One ingestEvents call a second, on schedule; each event a view, a cart, a purchase or a step of the campaign.
    private static async Task WriteAsync(
        RawGraphQL api, IReadOnlyList<string> users, string campaignId, int perSecond, TimeSpan duration, SoakSamples samples, Stopwatch clock, ProgressLine progress,
        CancellationToken cancellationToken)
    {
        var random = new Random(13);
        var inFlight = new List<Task>();
        for (var second = 0; second < (int)duration.TotalSeconds; second++)
        {
            var due = TimeSpan.FromSeconds(second);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            var events = Enumerable.Range(0, perSecond).Select(i => Event($"s{second}-{i}", users[random.Next(users.Count)], campaignId, at, random)).ToList();
            var body = JsonSerializer.Serialize(new { query = ApiInputs.IngestEvents, variables = new { events = events.Select(ApiInputs.Event) } });
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    var answer = (await api.PostAsync(body, cancellationToken)).GetProperty("ingestEvents");
                    lock (samples)
                    {
                        samples.EventsSent += events.Count;
                        samples.EventsAcknowledged += answer.GetProperty("accepted").GetInt64() + answer.GetProperty("duplicates").GetInt64();
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or GraphQLClientException)
                {
                    lock (samples)
                    {
                        samples.EventsSent += events.Count;
                        samples.WriteErrors++;
                    }
                }
            }, cancellationToken));
            progress.Value = (second + 1) * perSecond;
            inFlight.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(inFlight);
    }

    private static EventDraft Event(string id, string user, string campaignId, string at, Random random) => random.Next(10) switch
    {
        < 4 => new EventDraft(id, user, "VIEW", at, ItemId: $"sku-{random.Next(500)}"),
        4 => new EventDraft(id, user, "ADD_TO_CART", at, ItemId: $"sku-{random.Next(500)}", Quantity: 1),
        5 => new EventDraft(id, user, "PURCHASE", at, ItemId: $"sku-{random.Next(500)}", Quantity: 1, Amount: 10 + random.Next(90), Currency: "EUR"),
        < 8 => new EventDraft(id, user, "CAMPAIGN_EXPOSURE", at, CampaignId: campaignId),
        8 => new EventDraft(id, user, "CAMPAIGN_CLICK", at, CampaignId: campaignId),
        _ => new EventDraft(id, user, "COUPON_CLAIM", at, CampaignId: campaignId),
    };

    private async Task GaugeAsync(SoakSamples samples, Stopwatch clock, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var series = PrometheusText.Parse(await http.GetStringAsync(new Uri(endpoint, "/metrics"), stop));
                lock (samples)
                {
                    samples.Gauges.Add(new SoakSamples.Gauge(
                        clock.Elapsed.TotalSeconds, series.Value("process_working_set_bytes"), series.Value("dotnet_total_memory_bytes"), series.Value(GatewayRuntime.QueueLength)));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException)
            {
                // A missed reading (the node did not answer, or a series was missing): the verdicts say when too few came.
            }

            try
            {
                await Task.Delay(GaugeEvery, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
