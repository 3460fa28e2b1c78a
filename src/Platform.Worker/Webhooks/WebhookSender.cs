using Platform.Domain;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Domain.Campaigns;
using Platform.Domain.Webhooks;
using Platform.Storage.Webhooks;

namespace Platform.Worker.Webhooks;

/// <summary>The outcome of one attempt: success (2xx) or why not.</summary>
public sealed record SendResult(bool Succeeded, int? StatusCode, string? Error);

/// <summary>
/// POSTs a delivery, signed. The connection is made only to an address the policy allows, checked after DNS
/// resolution when connecting (so a name that later resolves to a private address is refused too);
/// redirects are not followed; a slow endpoint times out.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient http;
    private readonly TimeProvider clock;

    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider clock)
    {
        this.clock = clock;
        var policy = options.Value.Policy;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false, // a proxy would connect on our behalf to addresses ConnectCallback never sees
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, policy, cancellationToken),
        };
        http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds) };
    }

    public async Task<SendResult> SendAsync(WebhookTarget target, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(target.Secret, clock.GetUtcNow(), delivery.Payload));
        request.Headers.Add("X-Platform-Event", WireNames.ToWire(delivery.Event));
        request.Headers.Add("X-Platform-Delivery", delivery.Id.ToString());
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            return code switch
            {
                >= 200 and < 300 => new SendResult(true, code, null),
                >= 300 and < 400 => new SendResult(false, code, $"redirect to {response.Headers.Location} not followed"),
                _ => new SendResult(false, code, $"HTTP {code}"),
            };
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(false, null, $"no answer within {http.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            return new SendResult(false, null, exception.InnerException?.Message ?? exception.Message);
        }
    }

    public void Dispose() => http.Dispose();

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, WebhookTargetPolicy policy, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = addresses.Where(a => WebhookTargets.MayConnect(a, policy)).ToArray();
        if (allowed.Length == 0)
        {
            // Which addresses a name has inside the network is not for the tenant's delivery log.
            throw new HttpRequestException($"{endpoint.Host} resolves to no address webhooks may reach");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
