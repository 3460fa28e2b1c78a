namespace Platform.Gateway.Hosting;

/// <summary>Protective limits of the GraphQL endpoint.</summary>
public sealed class GraphQLLimitOptions
{
    public int MaxDepth { get; set; } = 12;

    public int MaxComplexity { get; set; } = 2_000;

    public long MaxRequestBytes { get; set; } = 1_048_576;

    /// <summary>Outgoing messages a WebSocket may have queued before it is closed as a slow consumer.</summary>
    public int WebSocketSendQueue { get; set; } = 256;

    /// <summary>Operations (subscriptions included) one WebSocket connection may run at once.</summary>
    public int WebSocketMaxOperations { get; set; } = 100;

    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
