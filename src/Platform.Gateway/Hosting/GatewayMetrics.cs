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
}
