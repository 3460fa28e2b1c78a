using System.Diagnostics;
using System.Net.WebSockets;

namespace Platform.Gateway.GraphQL.WebSockets;

/// <summary>The single writer of one connection, closing, and the watchdog.</summary>
public sealed partial class WebSocketSession
{
    private bool Send(byte[] message)
    {
        if (outbox.Writer.TryWrite(message))
        {
            return true;
        }

        Close(CloseCodes.SlowConsumer, "Slow consumer: too many undelivered messages");
        return false;
    }

    private void Close(WebSocketCloseStatus status, string reason)
    {
        closeRequest ??= (status, reason);
        outbox.Writer.TryComplete();
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in outbox.Reader.ReadAllAsync(cancellationToken))
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }

            if (closeRequest is var (status, reason) && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, reason, cancellationToken);

                // The read loop ends when the client answers the close; a client that never does is cut off.
                closing.CancelAfter(DrainTimeout);
                return;
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            logger.LogDebug(exception, "WebSocket send stopped");
        }

        await closing.CancelAsync();
    }

    /// <summary>Closes connections that never initialise, and connections whose key was revoked.</summary>
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var opened = Stopwatch.GetTimestamp();
        try
        {
            using var timer = new PeriodicTimer(KeyRecheckInterval);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (caller is null)
                {
                    if (Stopwatch.GetElapsedTime(opened) >= limits.ConnectionInitTimeout)
                    {
                        Close(CloseCodes.ConnectionInitTimeout, "Connection initialisation timeout");
                        return;
                    }

                    continue;
                }

                var (stillValid, _) = await admission.AuthenticateAsync(apiKey, cancellationToken);
                if (stillValid is null)
                {
                    Close(CloseCodes.Forbidden, "Forbidden: the API key is no longer valid");
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }
}
