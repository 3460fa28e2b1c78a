using Prometheus;

namespace Platform.Gateway.Hosting;

/// <summary>GraphQL and tracker source metrics on /metrics, next to prometheus-net's HTTP and runtime metrics.</summary>
public static class GatewayMetrics
{
    public static readonly Counter GraphQLRequests = Metrics.CreateCounter(
        "platform_graphql_requests_total",
        "GraphQL requests and WebSocket operations by transport and outcome (HTTP status or error code).",
        "transport",
        "outcome");

    public static readonly Counter TrackerRequests = Metrics.CreateCounter(
        "platform_tracker_requests_total",
        "Requests to the tracker source by call (batch, track, …) and HTTP status.",
        "call",
        "status");

    public static readonly Counter TrackerMessages = Metrics.CreateCounter(
        "platform_tracker_messages_total",
        "Tracker messages by outcome: stored, refused (a broken rule) or ignored (no mapping).",
        "outcome");

    public static readonly Gauge WebSocketConnections = Metrics.CreateGauge(
        "platform_graphql_websocket_connections",
        "Open graphql-transport-ws connections on this node.");

    /// <summary>Labelled by the schema's own names, never the client's: operation names and aliases are unbounded.</summary>
    public static readonly Histogram GraphQLDuration = Metrics.CreateHistogram(
        "platform_graphql_duration_seconds",
        "Time to execute a GraphQL operation (parse, validation and resolvers; for a subscription, until its stream starts) by operation type and root field ('several' when it selects more than one; 'invalid', with operation 'none' when it did not parse, when it was refused before it ran).",
        new HistogramConfiguration { LabelNames = ["operation", "field"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 15) });

    public static readonly Gauge Subscriptions = Metrics.CreateGauge(
        "platform_graphql_subscriptions",
        "Running subscriptions on this node by root field.",
        "field");

    /// <summary>Counts the subscription as running until its stream is disposed.</summary>
    public static IDisposable TrackSubscription(string field, IDisposable stream)
    {
        Subscriptions.WithLabels(field).Inc();
        return new Tracked(field, stream);
    }

    private sealed class Tracked(string field, IDisposable stream) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                stream.Dispose();
                Subscriptions.WithLabels(field).Dec();
            }
        }
    }
}
