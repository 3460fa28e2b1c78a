using Platform.Domain.Errors;
using GraphQL;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Api.WebSockets;

/// <summary>Starting, forwarding and finishing the operations of one connection.</summary>
public sealed partial class WebSocketSession
{
    private void Subscribe(ClientMessage message, CancellationToken cancellationToken)
    {
        if (caller is null)
        {
            Close(CloseCodes.Unauthorized, "Unauthorized");
            return;
        }

        if (string.IsNullOrEmpty(message.Id) || message.Payload is not { } payload)
        {
            Close(CloseCodes.InvalidMessage, "Invalid message received: subscribe needs an id and a payload");
            return;
        }

        var id = message.Id;
        if (operations.Count >= limits.WebSocketMaxOperations)
        {
            Send(ProtocolMessages.Error(id, ErrorCodes.TooManyOperations, $"At most {limits.WebSocketMaxOperations} operations may run on one connection."));
            return;
        }

        var operation = new Operation(cancellationToken);
        if (!operations.TryAdd(id, operation))
        {
            operation.Dispose();
            Close(CloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
            return;
        }

        _ = StartAsync(id, payload, operation);
    }

    // Runs beside the read loop: a slow query never holds up ping, complete or other operations.
    private async Task StartAsync(string id, System.Text.Json.JsonElement payload, Operation operation)
    {
        try
        {
            if (!reader.TryRead(payload, out var request, out var error))
            {
                Finish(id, operation, ProtocolMessages.Error(id, ErrorCodes.InvalidRequest, error));
                return;
            }

            if (await admission.AdmitAsync(caller!) is { } denial)
            {
                GatewayMetrics.GraphQLRequests.WithLabels("websocket", denial.Code).Inc();
                Finish(id, operation, ProtocolMessages.Error(id, denial.Code, denial.Message));
                return;
            }

            var result = await executor.ExecuteAsync(request, caller!, RequestTransport.WebSocket, services, operation.Cancellation);
            GatewayMetrics.GraphQLRequests.WithLabels("websocket", result.Executed ? "executed" : "rejected").Inc();
            if (!result.Executed)
            {
                Finish(id, operation, messages.Error(id, result));
            }
            else if (result.Streams is { Count: > 0 } streams)
            {
                var stream = streams.Values.Single().Subscribe(new StreamForwarder(this, id, operation));
                operation.Attach(GatewayMetrics.TrackSubscription(OperationLabels.Of(result).Field, stream));
            }
            else if (Send(messages.Next(id, result)))
            {
                Finish(id, operation, ProtocolMessages.Complete(id));
            }
        }
        catch (OperationCanceledException)
        {
            // The client completed the operation, or the connection ended.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Operation {Id} failed", id);
            Finish(id, operation, ProtocolMessages.Error(id, ErrorCodes.Internal, "The operation failed on the server."));
        }
    }

    private void ForwardNext(string id, Operation operation, ExecutionResult result)
    {
        if (operations.TryGetValue(id, out var current) && current == operation)
        {
            Send(messages.Next(id, result));
        }
    }

    private void ForwardFailure(string id, Operation operation, Exception error)
    {
        logger.LogWarning(error, "Subscription {Id} failed", id);
        Finish(id, operation, ProtocolMessages.Error(id, ErrorCodes.SubscriptionFailed, "The subscription failed on the server."));
    }

    /// <summary>Sends the operation's last message, unless the client already completed it (or reused its id).</summary>
    private void Finish(string id, Operation operation, byte[] finalMessage)
    {
        if (operations.TryRemove(KeyValuePair.Create(id, operation)))
        {
            operation.Dispose();
            Send(finalMessage);
        }
    }
}
