using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Platform.IntegrationTests.Support;

/// <summary>A raw graphql-transport-ws client, to test the protocol message by message.</summary>
public sealed class WebSocketClient : IAsyncDisposable
{
    private readonly ClientWebSocket socket = new();

    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    public string? CloseDescription => socket.CloseStatusDescription;

    public static async Task<WebSocketClient> ConnectAsync(Uri graphQLUri, string subProtocol = "graphql-transport-ws", CancellationToken cancellationToken = default)
    {
        var client = new WebSocketClient();
        client.socket.Options.AddSubProtocol(subProtocol);
        await client.socket.ConnectAsync(new UriBuilder(graphQLUri) { Scheme = "ws" }.Uri, cancellationToken);
        return client;
    }

    public async Task<JsonElement> InitialiseAsync(string? apiKey)
    {
        await SendAsync(new { type = "connection_init", payload = new { apiKey } });
        return await ReceiveAsync();
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    /// <summary>The next message, or default when the server closed the connection (see <see cref="CloseStatus"/>).</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return default;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            }
        }
    }

    /// <summary>Reads until the server closes; returns the close status.</summary>
    public async Task<WebSocketCloseStatus?> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        while ((await ReceiveAsync(timeout)).ValueKind != JsonValueKind.Undefined)
        {
        }

        return CloseStatus;
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Already gone.
            }
        }

        socket.Dispose();
    }
}
