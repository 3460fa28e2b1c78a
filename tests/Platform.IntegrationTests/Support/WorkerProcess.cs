using Platform.Testing;

namespace Platform.IntegrationTests.Support;

/// <summary>The real worker executable (Hangfire server, Orleans client, TorchSharp), as a separate process.</summary>
public static class WorkerProcess
{
    /// <summary>Small fold chunks and limit, so that imports of a few hundred shoppers fold in several chunks and their busiest shoppers go to their grains.</summary>
    public const int FoldUsersPerChunk = 150, FoldEventsPerChunk = 2_000, FoldMaxEventsPerUser = 40;

    /// <param name="environment">More environment variables (settings), over the defaults.</param>
    public static ChildProcess Start(NodeSettings settings, string queues = "cpu,default", IReadOnlyDictionary<string, string?>? environment = null)
    {
        var dll = Path.Combine(RepositoryPaths.Root, "src", "Platform.Worker", "bin", RepositoryPaths.Configuration, "net10.0", "linux-x64", "Platform.Worker.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the solution first: the worker is started from its build output.", dll);
        }

        var variables = new Dictionary<string, string?>
        {
            ["Platform__DatabaseUrl"] = settings.ConnectionString,
            ["Platform__Orleans__ClusterId"] = settings.ClusterId,
            ["Platform__Orleans__ServiceId"] = settings.ClusterId,
            ["Platform__TorchThreads"] = "1",
            ["Platform__Webhooks__AllowHttp"] = "true", // test endpoints listen on loopback
            ["Platform__Webhooks__AllowPrivateNetworks"] = "true",
            ["Platform__Webhooks__TimeoutSeconds"] = "2",
            ["Platform__Webhooks__MaxAttempts"] = "1", // every failure is final, so three deliveries disable a webhook
            ["Platform__Webhooks__DisableAfterFailures"] = "3",
            ["Platform__Models__Members"] = "2", // small ensembles keep training to seconds on 2 cores
            ["Platform__Models__MaxEpochs"] = "8",
            ["Platform__Models__SilenceSeconds"] = "6",
            ["Platform__Imports__UsersPerChunk"] = $"{FoldUsersPerChunk}",
            ["Platform__Imports__EventsPerChunk"] = $"{FoldEventsPerChunk}",
            ["Platform__Imports__MaxEventsPerUser"] = $"{FoldMaxEventsPerUser}",
            ["Logging__LogLevel__Default"] = "Warning",
            ["MALLOC_MMAP_THRESHOLD_"] = "33554432", // as production sets it (docs/decisions/006-torchsharp-on-debian.md)
            ["MALLOC_TOP_PAD_"] = "16777216",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return ChildProcess.Start("dotnet", [dll, "--queues", queues], variables);
    }
}
