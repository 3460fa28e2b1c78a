using System.Diagnostics;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Chaos;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection
{
    public const string Name = "Chaos";
}

/// <summary>
/// Fault runs (docs/reliability.md#fault-runs): three gateway nodes and their own PostgreSQL under sustained ingest while
/// a node is killed, the database restarts or a node stalls; then <see cref="ChaosChecker"/> proves no acknowledged event
/// was lost or stored twice and every profile equals its log. Short runs with one seed in the test suite, run alone (not
/// beside other tests); CHAOS_FULL=1 (`./platform chaos --full`) runs the long ones with three seeds. Every run's row is
/// appended to artifacts/chaos/report.md.
/// </summary>
[Collection(ChaosCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const int Nodes = 3;
    private static readonly bool Full = Environment.GetEnvironmentVariable("CHAOS_FULL") == "1";
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(120);

    // Orleans' failure detector adapts its probe timeout (5 s at first, up to 20 s) and needs missed probes and two votes:
    // a 45 s stall did not get a node declared dead; the long run's is meant to (docs/reliability.md#fault-runs).
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(Full ? 150 : 45);

    public static IEnumerable<object[]> Seeds => (Full ? new[] { 1, 2, 3 } : [1]).Select(seed => new object[] { seed });

    [Theory]
    [MemberData(nameof(Seeds))]
    public Task KilledNodesLoseNoAcknowledgedEvent(int seed) => RunAsync(Full ? "SIGKILL of a node every 20 s for 2 minutes, each restarted 20 s later" : "SIGKILL of a node, restarted 20 s later", seed, async (cluster, load) =>
    {
        var random = new Random(seed);
        var worst = TimeSpan.Zero;
        var cycles = Full ? 6 : 1; // 2 minutes, or one kill
        for (var cycle = 0; cycle < cycles; cycle++)
        {
            var node = random.Next(Nodes);
            await cluster.KillAsync(node);
            await Task.Delay(TimeSpan.FromSeconds(20));
            var restarting = Stopwatch.StartNew();
            await cluster.RestartAsync(node);
            var probe = await load.ProbeAsync(node, RecoveryLimit);
            if (probe is null)
            {
                return null;
            }

            worst = restarting.Elapsed > worst ? restarting.Elapsed : worst;
        }

        return worst;
    });

    [Theory]
    [MemberData(nameof(Seeds))]
    public Task ADatabaseRestartLosesNoAcknowledgedEvent(int seed) => RunAsync("PostgreSQL stopped (immediate) for 10 s, then started", seed, async (cluster, load) =>
    {
        await cluster.StopDatabaseAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var started = Stopwatch.StartNew();
        await cluster.StartDatabaseAsync();
        var probes = await Task.WhenAll(Enumerable.Range(0, Nodes).Select(node => load.ProbeAsync(node, RecoveryLimit)));
        return probes.Any(p => p is null) ? null : started.Elapsed;
    });

    [Theory]
    [MemberData(nameof(Seeds))]
    public Task AStalledNodeLosesNoAcknowledgedEvent(int seed) => RunAsync($"a node stalled (SIGSTOP) for {Stall.TotalSeconds:0} s", seed, async (cluster, load) =>
    {
        var node = new Random(seed).Next(Nodes);
        await cluster.PauseAsync(node);
        await Task.Delay(Stall);
        var resumed = Stopwatch.StartNew();
        await cluster.ResumeAsync(node);
        // Declared dead meanwhile, it stops itself on waking; it is then started again, as an orchestrator would.
        var restarted = false;
        while (resumed.Elapsed < RecoveryLimit)
        {
            restarted |= await cluster.RestartAsync(node);
            if (await load.ProbeAsync(node, TimeSpan.FromSeconds(5)) is not null)
            {
                var recovered = resumed.Elapsed;
                await Task.Delay(TimeSpan.FromSeconds(15));
                output.WriteLine($"stalled node {node}: {(restarted ? "stopped itself on waking and was started again" : "carried on")}; " +
                    $"15 s later running: {cluster.IsRunning(node)}; membership: {await cluster.MembershipAsync()}");
                return recovered;
            }
        }

        return null;
    });

    /// <summary>Starts the cluster and the load, applies the fault (which returns the time to recover, null for never), lets the load run on, then checks.</summary>
    private async Task RunAsync(string fault, int seed, Func<ChaosCluster, IngestLoad, Task<TimeSpan?>> apply)
    {
        await using var cluster = await ChaosCluster.StartAsync(Nodes);
        var load = IngestLoad.Start(cluster, seed);
        var run = Stopwatch.StartNew();
        TimeSpan? recovery;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            recovery = await apply(cluster, load);
            await Task.Delay(TimeSpan.FromSeconds(Full ? 20 : 5));
        }
        finally
        {
            await load.StopAsync();
        }

        var duration = run.Elapsed;
        await cluster.RestartStoppedAsync(); // a stalled node may have stopped itself after it answered again
        var report = await ChaosChecker.CheckAsync(cluster, load, fault, seed, recovery, duration);

        var folder = Path.Combine(RepositoryPaths.Root, "artifacts", "chaos");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "report.md");
        lock (typeof(ChaosTests))
        {
            File.AppendAllText(file, (File.Exists(file) ? "" : ChaosReport.Header + "\n") + report.Row + "\n");
        }

        output.WriteLine(ChaosReport.Header);
        output.WriteLine(report.Row);
        Assert.True(report.Acknowledged > 0, "nothing was acknowledged");
        Assert.True(report.Passed, $"{report.Row}\n{string.Join("\n", report.Problems.Take(20))}\nnode 0:\n{Tail(cluster.Output(0))}");
    }

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;
}
