namespace Platform.Gateway.Hosting;

/// <summary>How this node joins the Orleans cluster.</summary>
public sealed class OrleansEndpointOptions
{
    public string ClusterId { get; set; } = "platform";

    /// <summary>Stable across deployments: grain state and reminders are keyed by it.</summary>
    public string ServiceId { get; set; } = "platform";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other nodes reach this one at.</summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// <summary>Listen on all interfaces (containers) instead of only the advertised address.</summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>
    /// Running in Kubernetes (docker/k8s): the cluster and service ids, the silo's name and address come from the pod's
    /// environment (ORLEANS_CLUSTER_ID, ORLEANS_SERVICE_ID, POD_NAME, POD_IP, POD_NAMESPACE, set by the manifest) instead
    /// of the settings above, and the silos delete the pods of silos the cluster declared dead (Orleans' Kubernetes hosting).
    /// The ports still come from SiloPort and GatewayPort.
    /// </summary>
    public bool KubernetesHosting { get; set; }

    /// <summary>
    /// Place new activations at random instead of by load (Orleans' resource-optimized default). Silos that share
    /// one process, as in tests, report the same load and would otherwise all prefer one of them.
    /// </summary>
    public bool RandomPlacement { get; set; }
}
