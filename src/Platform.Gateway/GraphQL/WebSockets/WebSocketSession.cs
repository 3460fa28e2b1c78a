using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Platform.Gateway.Auth;
using Platform.Gateway.GraphQL.Execution;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.GraphQL.WebSockets;

/// <summary>
/// One graphql-transport-ws connection. A single writer drains a bounded queue, so no operation ever
/// blocks on a slow client; when the queue is full the client is disconnected. The key is checked
/// again every second, so revoking it ends the connection.
/// </summary>
public sealed partial class WebSocketSession(
    WebSocket socket,
    RequestAdmission admission,
    GraphQLRequestReader reader,
    GraphQLExecutor executor,
    ProtocolMessages messages,
    GraphQLLimitOptions limits,
    IServiceProvider services,
    ILogger logger)
{
    private static readonly TimeSpan KeyRecheckInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<byte[]> outbox = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(limits.WebSocketSendQueue) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly ConcurrentDictionary<string, IDisposable> operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource closing = new();
    private (WebSocketCloseStatus Status, string Reason)? closeRequest;
    private int initialisations;
    private string? apiKey;
    private Caller? caller;

    public async Task RunAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, closing.Token);
        var writer = WriteLoopAsync(linked.Token);
        var watchdog = WatchAsync(linked.Token);
        try
        {
            await ReadLoopAsync(linked.Token);
        }
        finally
        {
            foreach (var operation in operations.Values)
            {
                operation.Dispose();
            }

            operations.Clear();

            // Let the writer deliver what is queued and the close frame, then stop everything.
            outbox.Writer.TryComplete();
            await Task.WhenAny(writer, Task.Delay(DrainTimeout, CancellationToken.None));
            await closing.CancelAsync();
            await Task.WhenAll(writer, watchdog);
            closing.Dispose();
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open && !cancellationToken.IsCancellationRequested)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                Close(WebSocketCloseStatus.NormalClosure, "Bye");
                return;
            }

            if (received.MessageType == WebSocketMessageType.Binary)
            {
                Close(CloseCodes.InvalidMessage, "Invalid message received: messages must be text");
                return;
            }

            if (message.Length + received.Count > limits.MaxRequestBytes)
            {
                Close(CloseCodes.MessageTooBig, "Message too big");
                return;
            }

            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
            {
                continue;
            }

            var payload = message.ToArray();
            message.SetLength(0);
            if (!await HandleMessageAsync(payload, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Handles one client message; returns false once the connection is being closed.</summary>
    private async Task<bool> HandleMessageAsync(byte[] payload, CancellationToken cancellationToken)
    {
        ClientMessage message;
        try
        {
            message = ClientMessage.Parse(payload);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            Close(CloseCodes.InvalidMessage, $"Invalid message received: {exception.Message}");
            return false;
        }

        switch (message.Type)
        {
            case "connection_init":
                return await InitialiseAsync(message, cancellationToken);
            case "ping":
                return Send(ProtocolMessages.Pong);
            case "pong":
                return true;
            case "subscribe":
                try
                {
                    return await SubscribeAsync(message, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "Starting operation {Id} failed", message.Id);
                    Close(CloseCodes.InternalError, "Internal server error");
                    return false;
                }

            case "complete":
                if (message.Id is not null && operations.TryRemove(message.Id, out var operation))
                {
                    operation.Dispose();
                }

                return true;
            default:
                Close(CloseCodes.InvalidMessage, $"Invalid message received: unknown type '{message.Type}'");
                return false;
        }
    }

    private async Task<bool> InitialiseAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref initialisations) > 1)
        {
            Close(CloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return false;
        }

        apiKey = message.ApiKey;
        var (authenticated, denial) = await admission.AuthenticateAsync(apiKey, cancellationToken);
        if (authenticated is null)
        {
            Close(CloseCodes.Forbidden, $"Forbidden: {denial!.Code}");
            return false;
        }

        caller = authenticated;
        return Send(ProtocolMessages.ConnectionAck);
    }
}
