using Platform.Testing;

namespace Platform.IntegrationTests.Support;

/// <summary>Runs the Node.js clients in tests/js (graphql-http audit, graphql, graphql-ws) against a node.</summary>
public static class NodeScripts
{
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    public static string Directory { get; } = Path.Combine(RepositoryPaths.Root, "tests", "js");

    public static async Task<(int ExitCode, string Output)> RunAsync(string script, IReadOnlyDictionary<string, string?> environment, TimeSpan? timeout = null)
    {
        await Installed.Value;
        return await ChildProcess.RunAsync("node", [script], environment, Directory, timeout ?? TimeSpan.FromMinutes(2));
    }

    private static async Task InstallAsync()
    {
        if (System.IO.Directory.Exists(Path.Combine(Directory, "node_modules")))
        {
            return;
        }

        var (exitCode, output) = await ChildProcess.RunAsync(
            "npm", ["ci", "--no-audit", "--no-fund"], new Dictionary<string, string?>(), Directory, TimeSpan.FromMinutes(5));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in tests/js failed: {output}");
        }
    }
}
