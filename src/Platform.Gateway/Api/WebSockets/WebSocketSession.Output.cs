using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Api.WebSockets;

/// <summary>The single writer of one connection, closing, and the watchdog.</summary>
public sealed partial class WebSocketSession
{
    // RFC 6455 allows 123 bytes of close reason.
    private const int MaxCloseReasonBytes = 120;

    private bool Send(byte[] message)
    {
        if (outbox.Writer.TryWrite(message))
        {
            return true;
        }

        Close(CloseCodes.SlowConsumer, "Slow consumer: too many undelivered messages");
        return false;
    }

    /// <summary>
    /// Asks for the connection to close: the writer sends what is queued and the close frame; reading and
    /// operations stop. A writer blocked on a client that no longer reads is cut off after the drain timeout.
    /// </summary>
    private void Close(WebSocketCloseStatus status, string reason)
    {
        Interlocked.CompareExchange(ref closeRequest, new CloseRequest(status, Truncate(reason)), null);
        outbox.Writer.TryComplete();
        try
        {
            closing.CancelAfter(DrainTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The session has already ended.
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in outbox.Reader.ReadAllAsync(cancellationToken))
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }

            if (closeRequest is { } request && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(request.Status, request.Reason, cancellationToken);
                return; // Close() already gave the client the drain timeout to answer.
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
        using var timer = new PeriodicTimer(KeyRecheckInterval);
        try
        {
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

                try
                {
                    // A key that cannot be checked (the database restarting) keeps its connection until the next tick.
                    var (stillValid, denial) = await admission.AuthenticateAsync(apiKey, cancellationToken);
                    if (stillValid is null && denial != AccessDenial.DatabaseUnavailable)
                    {
                        Close(CloseCodes.Forbidden, "Forbidden: the API key is no longer valid");
                        return;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A database or cluster hiccup: keep the connection and check again at the next tick.
                    logger.LogWarning(exception, "Re-checking a WebSocket connection's key failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }

    private static string Truncate(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= MaxCloseReasonBytes)
        {
            return reason;
        }

        var length = reason.Length;
        while (Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > MaxCloseReasonBytes - 3)
        {
            length--;
        }

        return string.Concat(reason.AsSpan(0, length), "...");
    }

    private sealed record CloseRequest(WebSocketCloseStatus Status, string Reason);
}
