using Platform.IntegrationTests.Support;
using Platform.Testing;

namespace Platform.IntegrationTests.Conformance;

/// <summary>
/// docker/k8s without a cluster: every document against the Kubernetes API's JSON schema (tests/js/k8s.mjs), the
/// kustomization rendering where kubectl is installed, and what the platform needs of its pods.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "docker", "k8s");

    [Fact]
    public async Task EveryManifestIsValidAgainstTheKubernetesSchema()
    {
        var (exitCode, output) = await NodeScripts.RunAsync("k8s.mjs", new Dictionary<string, string?> { ["K8S_DIR"] = Folder });

        Expect.Equal(0, exitCode, output);
        Assert.Contains("10 documents in 5 files valid", output);
    }

    [Fact]
    public async Task TheKustomizationRendersWhereKubectlIsInstalled()
    {
        var kubectl = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);
        if (kubectl is null)
        {
            return; // the schema check above still runs; docs/operations.md#kubernetes says which checks ran where
        }

        var (exitCode, output) = await ChildProcess.RunAsync(kubectl, ["kustomize", Folder], new Dictionary<string, string?>(), RepositoryPaths.Root, TimeSpan.FromMinutes(1));

        Expect.Equal(0, exitCode, output);
        Assert.Equal(10, output.Split('\n').Count(line => line.StartsWith("kind: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void GatewayPodsUseOrleansKubernetesHostingAndHealthProbes()
    {
        var gateway = File.ReadAllText(Path.Combine(Folder, "gateway.yaml"));
        var workers = File.ReadAllText(Path.Combine(Folder, "workers.yaml"));

        Assert.Contains("name: Platform__Orleans__KubernetesHosting\n              value: \"true\"", gateway);
        Assert.Contains("orleans/serviceId: platform", gateway);
        Assert.Contains("path: /health/ready", gateway);
        Assert.Contains("path: /health/live", gateway);
        Assert.Contains("nvidia.com/gpu: 1", workers);
        Assert.Contains("args: [\"--queues\", \"gpu\"]", workers);
    }
}
