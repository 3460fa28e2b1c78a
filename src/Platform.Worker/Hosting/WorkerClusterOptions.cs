namespace Platform.Worker.Hosting;

/// <summary>Platform:Orleans:ClusterId and ServiceId; must match the gateway nodes'.</summary>
public sealed class WorkerClusterOptions
{
    public string ClusterId { get; set; } = "platform";

    public string ServiceId { get; set; } = "platform";
}
