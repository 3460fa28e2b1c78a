using GraphQL;
using Platform.Gateway.GraphQL.Execution;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.GraphQL.WebSockets;

/// <summary>Starting, forwarding and finishing the operations of one connection.</summary>
public sealed partial class WebSocketSession
{
    private async Task<bool> SubscribeAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        if (caller is null)
        {
            Close(CloseCodes.Unauthorized, "Unauthorized");
            return false;
        }

        if (string.IsNullOrEmpty(message.Id) || message.Payload is not { } payload)
        {
            Close(CloseCodes.InvalidMessage, "Invalid message received: subscribe needs an id and a payload");
            return false;
        }

        var id = message.Id;
        if (!operations.TryAdd(id, StartingOperation.Instance))
        {
            Close(CloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
            return false;
        }

        if (!reader.TryRead(payload, out var request, out var error))
        {
            return Finish(id, ProtocolMessages.Error(id, "INVALID_REQUEST", error));
        }

        if (await admission.AdmitAsync(caller) is { } denial)
        {
            GatewayMetrics.GraphQLRequests.WithLabels("websocket", denial.Code).Inc();
            return Finish(id, ProtocolMessages.Error(id, denial.Code, denial.Message));
        }

        var result = await executor.ExecuteAsync(request, caller, RequestTransport.WebSocket, services, cancellationToken);
        GatewayMetrics.GraphQLRequests.WithLabels("websocket", result.Executed ? "executed" : "rejected").Inc();
        if (!result.Executed)
        {
            return Finish(id, messages.Error(id, result));
        }

        if (result.Streams is not { Count: > 0 } streams)
        {
            return Send(messages.Next(id, result)) && Finish(id, ProtocolMessages.Complete(id));
        }

        var subscription = streams.Values.Single().Subscribe(new StreamForwarder(this, id));
        if (!operations.TryUpdate(id, subscription, StartingOperation.Instance))
        {
            subscription.Dispose(); // completed or cancelled while it was starting
        }

        return true;
    }

    private void ForwardNext(string id, ExecutionResult result) => Send(messages.Next(id, result));

    private void ForwardFailure(string id, Exception error)
    {
        logger.LogWarning(error, "Subscription {Id} failed", id);
        Finish(id, ProtocolMessages.Error(id, "SUBSCRIPTION_FAILED", "The subscription failed on the server."));
    }

    private bool Finish(string id, byte[] finalMessage)
    {
        operations.TryRemove(id, out _);
        return Send(finalMessage);
    }
}
