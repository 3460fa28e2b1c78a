using System.Net.WebSockets;

namespace Platform.Gateway.Api.WebSockets;

/// <summary>Close codes of the graphql-transport-ws protocol, plus the standard ones we use.</summary>
public static class CloseCodes
{
    public const WebSocketCloseStatus InvalidMessage = (WebSocketCloseStatus)4400;
    public const WebSocketCloseStatus Unauthorized = (WebSocketCloseStatus)4401;
    public const WebSocketCloseStatus Forbidden = (WebSocketCloseStatus)4403;
    public const WebSocketCloseStatus SubprotocolNotAcceptable = (WebSocketCloseStatus)4406;
    public const WebSocketCloseStatus ConnectionInitTimeout = (WebSocketCloseStatus)4408;
    public const WebSocketCloseStatus SubscriberAlreadyExists = (WebSocketCloseStatus)4409;
    public const WebSocketCloseStatus TooManyInitialisationRequests = (WebSocketCloseStatus)4429;
    public const WebSocketCloseStatus InternalError = (WebSocketCloseStatus)4500;

    /// <summary>A consumer that does not read fast enough is dropped so it never slows anyone else.</summary>
    public const WebSocketCloseStatus SlowConsumer = WebSocketCloseStatus.PolicyViolation;

    public const WebSocketCloseStatus MessageTooBig = WebSocketCloseStatus.MessageTooBig;
}
