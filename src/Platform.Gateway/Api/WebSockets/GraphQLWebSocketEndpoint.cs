using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using Platform.Gateway.Auth;
using Prometheus;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Api.WebSockets;

/// <summary>Accepts graphql-transport-ws connections on the GraphQL URL.</summary>
public sealed class GraphQLWebSocketEndpoint(
    RequestAdmission admission,
    GraphQLRequestReader reader,
    GraphQLExecutor executor,
    ProtocolMessages messages,
    IOptions<PlatformOptions> options,
    ILogger<GraphQLWebSocketEndpoint> logger)
{
    public const string SubProtocol = "graphql-transport-ws";

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            using var refused = await context.WebSockets.AcceptWebSocketAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await refused.CloseOutputAsync(CloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable: use graphql-transport-ws", timeout.Token);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(SubProtocol);
        using var connected = GatewayMetrics.WebSocketConnections.TrackInProgress();
        var session = new WebSocketSession(socket, admission, reader, executor, messages, options.Value.GraphQL, context.RequestServices, logger);
        try
        {
            await session.RunAsync(context.RequestAborted);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            logger.LogDebug(exception, "WebSocket connection ended abruptly");
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "WebSocket connection failed");
        }
    }
}
