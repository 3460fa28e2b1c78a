namespace Platform.Gateway.Hosting;

/// <summary>Protective limits of the GraphQL endpoint.</summary>
public sealed class GraphQLLimitOptions
{
    public int MaxDepth { get; set; } = 12;

    public int MaxComplexity { get; set; } = 2_000;

    public long MaxRequestBytes { get; set; } = 1_048_576;

    /// <summary>Selections, their arguments and directives, and variables a document may hold, fragments expanded; checked before validation.</summary>
    public int MaxDocumentNodes { get; set; } = 2_000;

    /// <summary>Values (fields, list items) the introspection of one operation may answer: one standard introspection query fits.</summary>
    public int MaxIntrospectionValues { get; set; } = 40_000;

    /// <summary>Fields of one query resolved at the same time (bounds the database connections one request holds).</summary>
    public int MaxParallelFields { get; set; } = 8;

    /// <summary>Whole-audience aggregates one tenant may run at once on a node (<see cref="Api.Limits.AggregateGate"/>).</summary>
    public int AggregatesPerTenant { get; set; } = 1;

    /// <summary>Ingest batches of more than <see cref="Api.Limits.IngestLane.SmallBatch"/> events one tenant may store at once on a node (<see cref="Api.Limits.IngestLane"/>).</summary>
    public int BulkIngestsPerTenant { get; set; } = 1;

    /// <summary>How long a tenant's aggregate waits for its turn before it is refused.</summary>
    public TimeSpan AggregateWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Seconds of aggregate time a tenant earns per second on a node (<see cref="Api.Limits.AggregateBudget"/>).</summary>
    public double AggregateSecondsPerSecond { get; set; } = 0.25;

    /// <summary>The most aggregate time a tenant can save up on a node, in seconds.</summary>
    public double AggregateBurstSeconds { get; set; } = 10;

    /// <summary>Outgoing messages a WebSocket may have queued before it is closed as a slow consumer.</summary>
    public int WebSocketSendQueue { get; set; } = 256;

    /// <summary>Operations (subscriptions included) one WebSocket connection may run at once.</summary>
    public int WebSocketMaxOperations { get; set; } = 100;

    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
