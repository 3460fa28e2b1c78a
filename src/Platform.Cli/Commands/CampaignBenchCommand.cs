using System.Diagnostics;
using Platform.Cli.Bench;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// `bench campaigns`: one popular campaign receives most of a tenant's events. Measures how fast they are
/// ingested and how soon the campaign's KPIs are exact, against a running platform, in a fresh tenant.
/// </summary>
public sealed class CampaignBenchCommand(HttpClient http, Uri endpoint, GraphQLClient client, IAnsiConsole console)
{
    private const string Method = """
        - **Workload** — one RUNNING campaign (holdout 10%); users each get 8 exposures, 30% click, 10% claim and buy
          (`src/Platform.Cli/Bench/CampaignWorkload.cs`). Events are interleaved across users, so every batch of 1,000
          touches hundreds of users and all name the same campaign: the case where a single activation per event
          would queue. Sent with `ingestEvents` over loopback HTTP, 4 concurrent clients, each call answered after the commit.
          *Cold*: the users are new (each grain activates and reads its state). *Warm*: the same events again under new ids,
          a minute later, to active grains — the sustained case the target is about.
        - **How the platform spreads it** — users' grains fold the events; each node writes the changed outcome rows once a
          second in one statement and then calls the campaign's grain once; the grain recomputes its KPIs at most once a
          second (or once in five times what its last aggregate took, if longer). So the campaign grain sees about one call
          per node per second, whatever the event rate.
        - **Plain** — the same users, batches and timing once more as views naming no campaign, in the same run: the ratio is
          what counting for a campaign costs on top of storing the event and updating the live profile.
        - **KPIs exact** — the time from the last acknowledged batch of the warm pass until `campaign.kpis` shows exactly the
          expected treatment exposures of both passes and users on both sides (computed by the bench from the same holdout rule).
        """;

    public async Task<int> RunAsync(string systemKey, int users, string reportPath, CancellationToken cancellationToken)
    {
        var (tenantId, admin) = await BenchTenant.CreateAsync(client, systemKey, "hot", cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var design = new
        {
            name = "Hot campaign", type = "PERCENT_OFF", value = 15, channel = "BANNER", startsAt = now.AddMinutes(-1), endsAt = now.AddDays(1),
            holdoutShare = CampaignWorkload.HoldoutShare,
        };
        var campaignId = (await client.ExecuteAsync(admin, "mutation($d: CampaignDesignInput!) { createCampaign(design: $d) { id } }", new { d = design }, cancellationToken))
            .GetProperty("createCampaign").GetProperty("id").GetString()!;
        var launchedAt = (await client.ExecuteAsync(admin, "mutation($id: ID!) { launchCampaign(id: $id) { launchedAt } }", new { id = campaignId }, cancellationToken))
            .GetProperty("launchCampaign").GetProperty("launchedAt").GetDateTimeOffset();

        console.MarkupLineInterpolated($"Benchmark tenant [bold]{tenantId}[/], campaign {campaignId}; {users:N0} users…");
        var workload = CampaignWorkload.Create(tenantId, campaignId, users, launchedAt);
        var ingest = new IngestBench(http, endpoint, "");
        var cold = new ProgressLine("campaign events, cold", workload.Events.Count);
        var warm = new ProgressLine("campaign events, warm", workload.Events.Count);
        var plain = new ProgressLine("plain events, warm", workload.Events.Count);
        var results = await ConsoleProgress.RunAsync(console, [cold, warm, plain], async () =>
        {
            var coldRate = await ingest.RunAsync(admin, IngestBench.Bodies(workload.Events), workload.Events.Count, cold, cancellationToken);
            var warmRate = await ingest.RunAsync(admin, IngestBench.Bodies(workload.Again()), workload.Events.Count, warm, cancellationToken);
            warm.Status = "waiting for exact KPIs";
            var lag = await WaitForKpisAsync(admin, campaignId, workload, cancellationToken);
            warm.Status = null;
            var plainRate = await ingest.RunAsync(admin, IngestBench.Bodies(workload.Plain()), workload.Events.Count, plain, cancellationToken);
            var share = (double)workload.CampaignEvents / workload.Events.Count;
            return new List<BenchResult>
            {
                new("events naming the campaign, cold (new users)", $"{coldRate * share:N0} events/s", Note: $"{workload.CampaignEvents:N0} of {workload.Events.Count:N0} events name it; {users:N0} users, each grain activates first"),
                new("events naming the campaign, warm (sustained)", $"{warmRate * share:N0} events/s", "≥ 10,000 events/s", warmRate * share >= 10_000, $"the same again under new ids; {warmRate:N0} events/s in all"),
                new("plain events, same users and batches (warm)", $"{plainRate:N0} events/s", Note: $"campaign ÷ plain, warm: {warmRate / plainRate:P0}"),
                new("KPIs exact after the last acknowledged batch", $"{lag.TotalSeconds:F1} s", Note: $"{2 * workload.TreatmentExposures:N0} treatment exposures, {workload.TreatmentUsers:N0} + {workload.ControlUsers:N0} users"),
            };
        });

        BenchReport.Print(console, "one hot campaign", results);
        await BenchReport.WriteAsync(reportPath, "campaigns", "one hot campaign", Method, results, cancellationToken);
        console.MarkupLineInterpolated($"Written to {reportPath}.");
        return 0;
    }

    private async Task<TimeSpan> WaitForKpisAsync(string key, string campaignId, CampaignWorkload workload, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            var kpis = (await client.ExecuteAsync(key, "query($id: ID!) { campaign(id: $id) { kpis { exposures treatment { users } control { users } } } }",
                new { id = campaignId }, cancellationToken)).GetProperty("campaign").GetProperty("kpis");
            if (kpis.GetProperty("exposures").GetInt64() == 2 * workload.TreatmentExposures
                && kpis.GetProperty("treatment").GetProperty("users").GetInt64() == workload.TreatmentUsers
                && kpis.GetProperty("control").GetProperty("users").GetInt64() == workload.ControlUsers)
            {
                return clock.Elapsed;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException("The campaign's KPIs did not reach the expected figures in 5 minutes.");
    }
}
