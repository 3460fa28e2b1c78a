using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Platform.Gateway.Hosting;

/// <summary>
/// Traces requests only: a span without a parent is kept when it is a request arriving (kind Server: an HTTP request, a
/// WebSocket operation) and the ratio draws it; background work without a parent (timers, membership, metric readings)
/// is not traced. A span with a parent follows the parent's decision, so one request's trace is whole across silos.
/// </summary>
public sealed class RequestSampler(double ratio) : Sampler
{
    private readonly TraceIdRatioBasedSampler requests = new(ratio);

    public override SamplingResult ShouldSample(in SamplingParameters parameters)
    {
        if (parameters.ParentContext.TraceId != default)
        {
            return new SamplingResult(parameters.ParentContext.TraceFlags.HasFlag(ActivityTraceFlags.Recorded));
        }

        return parameters.Kind == ActivityKind.Server ? requests.ShouldSample(parameters) : new SamplingResult(SamplingDecision.Drop);
    }
}
