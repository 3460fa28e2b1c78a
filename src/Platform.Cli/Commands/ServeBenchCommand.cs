using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Platform.Cli.Bench;
using Platform.Cli.Models;
using Platform.Simulation;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// `./platform bench serve`: the decision paths against their targets (docs/benchmarks.md) — recommendations at a fixed
/// rate with many running campaigns, alone and beside ingest; a forecast and an optimizer search over a large audience —
/// each beside the bare model forward pass over the same rows, measured by the worker in the same run.
/// </summary>
public sealed class ServeBenchCommand(HttpClient http, Uri endpoint, GraphQLClient client, ImportCommand imports, IAnsiConsole console)
{
    public const double MaxRecommendationP99Ms = 10;
    public const double MaxForecastP50Seconds = 2;
    public const double MaxOptimizerSeconds = 30;
    private const int Shown = 3;
    private static readonly string Recommendations = $"query($id: ID!) {{ recommendations(userId: $id, first: {Shown}) {{ modelVersionId items {{ campaign {{ id }} score reasons }} }} }}";

    /// <summary>The light load: what one request costs when the machine is not saturated.</summary>
    public const int LightRate = 20;

    public sealed record Settings(int Users = 5_000, int Campaigns = 200, int Rate = 300, int Seconds = 20, int AudienceUsers = 100_000, int Designs = 48);

    private const string Method = """
        - **Tenant** — a fresh tenant seeded with the simulated shop (`platform seed`: catalog, users, their events, the
          past campaigns as experiment imports), an UPLIFT version trained on it by the worker (`trainModels`), then the
          running campaigns: every one for everyone (various types and depths, 10% holdout), launched (so each gets its
          launch forecast, waited for before measuring).
        - **recommendations** — an open-loop client at a fixed rate (requests go out on schedule, not waiting for answers)
          for seeded users over loopback HTTP, `first: 3` with reasons. First every seeded user once, in a shuffled order,
          at the target rate: each is that user's first request, whose grain activates (its state read, its events since
          replayed), reported as its own row. Then, every user's grain active as a shopper's is during a visit, random
          users: a measured run at 20 requests/s (what one request costs) and one at the target rate (open loop: when the
          machine cannot keep up, requests queue and the tail grows with the run).
          *Beside ingest*: the same, while 4 clients send a further simulated population's events as fast as they are
          acknowledged (the ingest bench's load).
        - **forecast** — the audience is then grown to its size by copying users' attribute and projection rows under new
          ids in PostgreSQL and vacuumed (as the ingest bench's audienceSummary does); one unmeasured forecast of a design for everyone,
          then 5 measured; intervals, segments and drivers included. A forecast refused for the tenant's aggregate time
          (`RATE_LIMITED`, [rate limiting](api.md#rate-limiting)) is sent again after the wait it names, unmeasured.
        - **optimizeCampaign** — one search of the given number of designs (2 types × values × 3 channels × 2 durations,
          the whole audience) from the mutation until `campaignOptimization` reads SUCCEEDED (polled every 250 ms).
        - **Bare forward pass** — the worker process (`Platform.Worker.dll bench-forward`, one scoring thread, as a gateway
          node scores each operation) loads the same ACTIVE version from the registry, reads and encodes the same audience,
          and times the model alone: one user under as many designs as there are campaigns, each with a campaign id, so
          each design's own part is kept between repetitions as between requests (recommendations; 300 repetitions) and
          the reasons for 3 of them, the audience under one design (forecast),
          and under the searched designs with the trunk shared (optimizer). Each ratio is the API's figure ÷ the bare
          forward pass's; the API runs that pass and more, so a ratio under 1 means the machine was busy during the bare
          run, and the bench fails rather than report it.
        """;

    public async Task<int> RunAsync(string systemKey, string connectionString, string workerPath, Settings settings, string reportPath, CancellationToken cancellationToken)
    {
        var (tenantId, admin) = await BenchTenant.CreateAsync(client, systemKey, "serve", cancellationToken);
        console.MarkupLineInterpolated($"Benchmark tenant [bold]{tenantId}[/]: seeding {settings.Users:N0} simulated users, then training.");
        var seedFolder = Directory.CreateTempSubdirectory("bench-serve-").FullName;
        if (await new SeedCommand(client, imports, console).RunAsync(admin, new WorldOptions(Seed: 17, Users: settings.Users), seedFolder, cancellationToken) != 0
            || await new TrainCommand(client, console).RunAsync(admin, "uplift", cancellationToken) != 0)
        {
            throw new InvalidOperationException("Seeding or training the bench tenant failed; see above.");
        }

        var users = await SeededUsersAsync(connectionString, tenantId, cancellationToken);
        var workload = IngestBench.Prepare(settings.Users, DateTimeOffset.UtcNow);
        var ingesting = new ProgressLine("ingest beside", workload.Events);
        var launched = new ProgressLine("campaigns", settings.Campaigns);
        var first = new ProgressLine("recommendations, each user's first", users.Count);
        var light = new ProgressLine($"recommendations at {LightRate}/s", LightRate * settings.Seconds);
        var alone = new ProgressLine("recommendations", settings.Rate * settings.Seconds);
        var beside = new ProgressLine("recommendations beside ingest", settings.Rate * settings.Seconds);
        var forecasts = new ProgressLine("forecast", 6);
        var search = new ProgressLine("optimizeCampaign", 100);
        var measured = await ConsoleProgress.RunAsync(console, [launched, first, light, alone, beside, ingesting, forecasts, search], async () =>
        {
            await LaunchCampaignsAsync(admin, settings.Campaigns, launched, cancellationToken);
            launched.Status = "waiting for the launch forecasts";
            await WaitForLaunchForecastsAsync(connectionString, tenantId, settings.Campaigns, cancellationToken);
            launched.Status = null;

            var latency = new LatencyBench(http, endpoint, Recommendations);
            var firstRequests = await latency.EachOnceAsync(admin, users, settings.Rate, first, cancellationToken);
            LatencyBench.SettleClientHeap();
            var lightly = await latency.RunAsync(admin, users, LightRate, TimeSpan.FromSeconds(settings.Seconds), light, cancellationToken);
            LatencyBench.SettleClientHeap();
            var quiet = await latency.RunAsync(admin, users, settings.Rate, TimeSpan.FromSeconds(settings.Seconds), alone, cancellationToken);

            LatencyBench.SettleClientHeap();
            var ingest = new IngestBench(http, endpoint, connectionString).RunAsync(admin, workload.ColdBodies, workload.Events, ingesting, cancellationToken);
            var busy = await latency.RunAsync(admin, users, settings.Rate, TimeSpan.FromSeconds(settings.Seconds), beside, cancellationToken);
            var ingestRate = await ingest;
            var ingestShare = Math.Min(1, workload.Events / ingestRate / settings.Seconds); // both started together

            forecasts.Status = $"growing the audience to {settings.AudienceUsers:N0}";
            var audienceUsers = await new AudienceBench(client, connectionString).GrowAsync(tenantId, settings.AudienceUsers, cancellationToken);
            forecasts.Status = null;
            var forecastSeconds = await TimeForecastsAsync(admin, forecasts, cancellationToken);
            var optimizerSeconds = await TimeOptimizerAsync(admin, settings.Designs, search, cancellationToken);
            return (firstRequests, lightly, quiet, busy, ingestRate, ingestShare, audienceUsers, forecastSeconds, optimizerSeconds);
        });

        var bare = await WorkerTool.RunAsync(
            workerPath,
            ["bench-forward", "--tenant", tenantId, "--offers", Text(settings.Campaigns), "--designs", Text(settings.Designs), "--shown", Text(Shown), "--threads", "1"],
            console,
            cancellationToken);
        var results = Results(settings, measured.firstRequests, measured.lightly, measured.quiet, measured.busy, measured.ingestRate, measured.ingestShare, measured.audienceUsers, measured.forecastSeconds, measured.optimizerSeconds, bare);
        BenchReport.Print(console, "decisions", results);
        await BenchReport.WriteAsync(reportPath, "serve", "decisions", Method, results, cancellationToken);
        console.MarkupLineInterpolated($"Written to {reportPath}.");
        return 0;
    }

    private static List<BenchResult> Results(
        Settings settings, LatencyBench.Result firstRequests, LatencyBench.Result lightly, LatencyBench.Result quiet, LatencyBench.Result busy, double ingestRate, double ingestShare, long audienceUsers,
        IReadOnlyList<double> forecastSeconds, double optimizerSeconds, JsonElement bare)
    {
        var oneUser = bare.GetProperty("oneUserMilliseconds").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var reasons = bare.GetProperty("reasonsMilliseconds").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var (bareP99, oneDesign, manyDesigns) = (Percentiles.Of(oneUser, 99), bare.GetProperty("oneDesignSeconds").GetDouble(), bare.GetProperty("manyDesignsSeconds").GetDouble());
        var (quietP99, busyP99, forecastP50) = (Percentiles.Of(quiet.SortedMilliseconds, 99), Percentiles.Of(busy.SortedMilliseconds, 99), forecastSeconds[forecastSeconds.Count / 2]);
        var bareUsers = bare.GetProperty("users").GetInt64();
        // Medians for the light run: a p99 of a 2 ms pass over 300 repetitions is the machine's noise as much as the pass.
        var ratios = (Light: Percentiles.Of(lightly.SortedMilliseconds, 50) / Percentiles.Of(oneUser, 50), Recommendations: quietP99 / bareP99, Forecast: forecastP50 / oneDesign, Optimizer: optimizerSeconds / manyDesigns);
        if (bareP99 <= 0 || oneDesign <= 0 || manyDesigns <= 0 || ratios.Light < 1 || ratios.Recommendations < 1 || ratios.Forecast < 1 || ratios.Optimizer < 1 || Math.Abs(bareUsers - audienceUsers) > audienceUsers / 20)
        {
            throw new InvalidOperationException(
                $"Impossible figures (bare p99 {bareP99:F2} ms, one design {oneDesign:F2} s, {settings.Designs} designs {manyDesigns:F2} s over {bareUsers:N0} users; API/bare {ratios.Light:F2}, {ratios.Recommendations:F2}, {ratios.Forecast:F2}, {ratios.Optimizer:F2} over {audienceUsers:N0}): the machine was busy during a run, or the audience changed by more than 5%; run it again.");
        }

        return
        [
            new($"recommendations, each user's first request, {settings.Rate} req/s", firstRequests.Summary(),
                Note: $"{firstRequests.SortedMilliseconds.Count:N0} users once each, {firstRequests.Errors} errors: the user's grain activates (state read, events since replayed)"),
            new($"recommendations, {settings.Campaigns} running campaigns, {LightRate} req/s", lightly.Summary(), Note: $"what one request costs on an unsaturated machine; p50 {ratios.Light:F1}× the bare pass's p50"),
            new($"recommendations, {settings.Campaigns} running campaigns, {settings.Rate} req/s", quiet.Summary(), $"p99 ≤ {MaxRecommendationP99Ms} ms", quietP99 <= MaxRecommendationP99Ms,
                $"{quiet.SortedMilliseconds.Count:N0} requests at {quiet.AchievedRate:N0}/s, {quiet.Errors} errors; p99 {ratios.Recommendations:F1}× the bare pass"),
            new("the same beside ingest", busy.Summary(), $"p99 ≤ {MaxRecommendationP99Ms} ms", busyP99 <= MaxRecommendationP99Ms,
                $"{busy.Errors} errors; ingest {ingestRate:N0} events/s, running for {ingestShare:P0} of the window"),
            new($"bare forward pass: one user × {settings.Campaigns} designs", $"p50 {Percentiles.Of(oneUser, 50):F2} ms, p99 {bareP99:F2} ms", Note: $"{bare.GetProperty("members").GetInt32()} members, {bare.GetProperty("width").GetInt32()} features, layers {bare.GetProperty("networkWidth").GetInt32()} wide (chosen by the version's search: the audience passes below grow with it)"),
            new($"bare: reasons for {Shown} of them", $"p50 {Percentiles.Of(reasons, 50):F2} ms, p99 {Percentiles.Of(reasons, 99):F2} ms", Note: "each feature of the user left out in turn, under each offer shown"),
            new($"forecast, {audienceUsers:N0} users", $"p50 {forecastP50:F2} s, worst {forecastSeconds[^1]:F2} s", $"p50 ≤ {MaxForecastP50Seconds} s", forecastP50 <= MaxForecastP50Seconds,
                $"{ratios.Forecast:F1}× the bare pass"),
            new("bare: reading and encoding the audience", $"{bare.GetProperty("readSeconds").GetDouble():F2} s", Note: $"{bareUsers:N0} users, as a forecast reads them before the model runs"),
            new("bare forward pass: the audience × 1 design", $"{oneDesign:F2} s"),
            new($"optimizeCampaign, {settings.Designs} designs × {audienceUsers:N0} users", $"{optimizerSeconds:F1} s", $"≤ {MaxOptimizerSeconds} s", optimizerSeconds <= MaxOptimizerSeconds,
                $"{ratios.Optimizer:F1}× the bare pass"),
            new($"bare forward pass: the audience × {settings.Designs} designs, trunk shared", $"{manyDesigns:F2} s"),
        ];
    }

    private async Task LaunchCampaignsAsync(string admin, int count, ProgressLine progress, CancellationToken cancellationToken)
    {
        var types = new[] { ("PERCENT_OFF", 5), ("AMOUNT_OFF", 2), ("FLASH_SALE", 10), ("FREE_SHIPPING", 0), ("MESSAGE_ONLY", 0) };
        var channels = new[] { "EMAIL", "PUSH", "IN_APP", "BANNER", "SMS" };
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var (type, step) = types[i % types.Length];
            var design = new Dictionary<string, object?>
            {
                ["name"] = $"Bench {i}", ["type"] = type, ["channel"] = channels[i / types.Length % channels.Length],
                ["startsAt"] = now.AddMinutes(-1), ["endsAt"] = now.AddDays(14), ["holdoutShare"] = 0.1,
            };
            if (step > 0)
            {
                design["value"] = step * (1 + (i % 8));
            }

            var id = (await client.ExecuteAsync(admin, "mutation($d: CampaignDesignInput!) { createCampaign(design: $d) { id } }", new { d = design }, cancellationToken))
                .GetProperty("createCampaign").GetProperty("id").GetString();
            await client.ExecuteAsync(admin, "mutation($id: ID!) { launchCampaign(id: $id) { status } }", new { id }, cancellationToken);
            progress.Value = i + 1;
        }
    }

    private static async Task WaitForLaunchForecastsAsync(string connectionString, string tenantId, int campaigns, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM campaigns.forecasts WHERE tenant_id = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            if ((long)(await command.ExecuteScalarAsync(cancellationToken))! >= campaigns)
            {
                return;
            }

            await Task.Delay(1000, cancellationToken);
        }

        throw new InvalidOperationException("The launch forecasts did not all arrive within 10 minutes.");
    }

    // Users with a live profile: the seeded shop's, whose grains the recommendations read.
    private static async Task<List<string>> SeededUsersAsync(string connectionString, string tenantId, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT user_id FROM users.profiles WHERE tenant_id = $1 ORDER BY user_id LIMIT 5000");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        var users = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(reader.GetString(0));
        }

        return users.Count > 0 ? users : throw new InvalidOperationException("The seeded tenant has no profiles.");
    }

    private async Task<List<double>> TimeForecastsAsync(string admin, ProgressLine progress, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var design = new { name = "Bench forecast", type = "PERCENT_OFF", value = 15, channel = "EMAIL", startsAt = now.AddDays(1), endsAt = now.AddDays(15) };
        var seconds = new List<double>();
        for (var run = 0; run < 6; run++)
        {
            var elapsed = await TimeForecastAsync(admin, design, cancellationToken);
            if (run > 0)
            {
                seconds.Add(elapsed); // the first is unmeasured
            }

            progress.Value = run + 1;
        }

        seconds.Sort();
        return seconds;
    }

    // A forecast of everyone is a whole-audience aggregate: past the tenant's aggregate time on the node it is refused
    // with the time to wait (docs/api.md#rate-limiting). That wait is the budget's, not the forecast's: waited, unmeasured.
    private async Task<double> TimeForecastAsync(string admin, object design, CancellationToken cancellationToken)
    {
        for (var refusals = 0; ; refusals++)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                await client.ExecuteAsync(admin, """
                    query($d: CampaignDesignInput!) { forecast(design: $d, audience: { all: true }) {
                      audienceUsers incrementalConversions { value low80 high80 low95 high95 } incrementalMargin { value low95 high95 } segments { name } drivers } }
                    """, new { d = design }, cancellationToken);
                return clock.Elapsed.TotalSeconds;
            }
            catch (GraphQLClientException refused) when (refused.Code == "RATE_LIMITED" && refused.RetryAfterSeconds is { } wait && refusals < 10)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
            }
        }
    }

    private async Task<double> TimeOptimizerAsync(string admin, int designs, ProgressLine progress, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var values = Enumerable.Range(1, Math.Max(1, designs / 12)).Select(v => v * 5).ToList();
        var input = new
        {
            design = new { name = "Bench search", type = "PERCENT_OFF", value = 10, channel = "EMAIL", startsAt = now.AddDays(1), endsAt = now.AddDays(15) },
            audience = new { all = true },
            types = new[] { "PERCENT_OFF", "AMOUNT_OFF" },
            values,
            channels = new[] { "EMAIL", "PUSH", "IN_APP" },
            durationsDays = new[] { 7, 14 },
        };
        var clock = Stopwatch.StartNew();
        var id = (await client.ExecuteAsync(admin, "mutation($i: OptimizeCampaignInput!) { optimizeCampaign(input: $i) { id candidateCount } }", new { i = input }, cancellationToken))
            .GetProperty("optimizeCampaign").GetProperty("id").GetString();
        while (true)
        {
            var search = (await client.ExecuteAsync(admin, "query($id: ID!) { campaignOptimization(id: $id) { status progress error } }", new { id }, cancellationToken))
                .GetProperty("campaignOptimization");
            progress.Value = (long)(search.GetProperty("progress").GetDouble() * 100);
            switch (search.GetProperty("status").GetString())
            {
                case "SUCCEEDED":
                    return clock.Elapsed.TotalSeconds;
                case "FAILED":
                    throw new InvalidOperationException($"The optimizer failed: {search.GetProperty("error").GetString()}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
