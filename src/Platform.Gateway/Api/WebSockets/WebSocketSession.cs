using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Platform.Gateway.Auth;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Api.WebSockets;

/// <summary>
/// One graphql-transport-ws connection. A single writer drains a bounded queue, so no operation ever
/// blocks on a slow client; when the queue is full, or once the connection is closing, the client is
/// cut off within a few seconds. Operations run concurrently with reading, so ping and complete are
/// always served. The key is checked again every second, so revoking it ends the connection.
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
    private readonly ConcurrentDictionary<string, Operation> operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource closing = new();
    private CloseRequest? closeRequest;
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
        while (closeRequest is null && socket.State == WebSocketState.Open && !cancellationToken.IsCancellationRequested)
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
            if (received.EndOfMessage)
            {
                var payload = message.ToArray();
                message.SetLength(0);
                await HandleMessageAsync(payload, cancellationToken);
            }
        }
    }

    private async Task HandleMessageAsync(byte[] payload, CancellationToken cancellationToken)
    {
        ClientMessage message;
        try
        {
            message = ClientMessage.Parse(payload);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            Close(CloseCodes.InvalidMessage, $"Invalid message received: {exception.Message}");
            return;
        }

        try
        {
            switch (message.Type)
            {
                case "connection_init":
                    await InitialiseAsync(message, cancellationToken);
                    break;
                case "ping":
                    Send(ProtocolMessages.Pong);
                    break;
                case "pong":
                    break;
                case "subscribe":
                    Subscribe(message, cancellationToken);
                    break;
                case "complete":
                    if (message.Id is not null && operations.TryRemove(message.Id, out var operation))
                    {
                        operation.Dispose();
                    }

                    break;
                default:
                    Close(CloseCodes.InvalidMessage, $"Invalid message received: unknown type '{message.Type}'");
                    break;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Handling a {Type} message failed", message.Type);
            Close(CloseCodes.InternalError, "Internal server error");
        }
    }

    private async Task InitialiseAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        if (++initialisations > 1)
        {
            Close(CloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }

        apiKey = message.ApiKey;
        var (authenticated, denial) = await admission.AuthenticateAsync(apiKey, cancellationToken);
        if (authenticated is null)
        {
            if (denial == AccessDenial.DatabaseUnavailable)
            {
                Close(CloseCodes.InternalError, $"{denial.Code}: the key could not be checked; connect again shortly");
            }
            else
            {
                Close(CloseCodes.Forbidden, $"Forbidden: {denial!.Code}");
            }

            return;
        }

        caller = authenticated;
        Send(ProtocolMessages.ConnectionAck);
    }
}
