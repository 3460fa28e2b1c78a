namespace Platform.Gateway.Hosting;

/// <summary>Where a gateway sends its traces (docs/operations.md#traces-and-logs).</summary>
public sealed class TracingOptions
{
    /// <summary>An OTLP endpoint (e.g. http://otel-collector:4317); traces are recorded and exported only when it is set.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The share of requests traced, 0 to 1 (a parent's decision, from a traceparent header, is kept).</summary>
    public double SampleRatio { get; set; } = 1.0;
}
