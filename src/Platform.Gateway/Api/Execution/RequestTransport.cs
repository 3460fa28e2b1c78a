namespace Platform.Gateway.Api.Execution;

/// <summary>How an operation arrived; decides which operation types it may run.</summary>
public enum RequestTransport
{
    HttpGet,
    HttpPost,
    WebSocket,
}
