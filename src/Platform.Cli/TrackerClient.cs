using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Platform.Domain.Events;
using Platform.Domain.Trackers;

namespace Platform.Cli;

/// <summary>
/// Sends events to the platform's tracker source as a Segment library would: the spec's track messages in
/// /tracker/v1/batch requests, with the TRACKER key as the HTTP Basic user name (docs/trackers.md).
/// </summary>
public sealed class TrackerClient(HttpClient http, Uri graphQLEndpoint)
{
    /// <summary>Messages per batch; a batch also stays under the spec's 500 KB.</summary>
    public const int BatchSize = 1_000;

    private const int MaxBatchBytes = 450 * 1024;

    public Uri BatchUri { get; } = new(graphQLEndpoint, "/tracker/v1/batch");

    /// <summary>Batch bodies for the events, each at most <see cref="BatchSize"/> messages and 450 KB.</summary>
    public static List<string> Bodies(IEnumerable<EventDraft> events)
    {
        var bodies = new List<string>();
        var batch = new List<string>();
        var bytes = 0;
        foreach (var message in events.Select(e => JsonSerializer.Serialize(TrackerSpecMessages.FromEvent(e))))
        {
            if (batch.Count == BatchSize || bytes + message.Length > MaxBatchBytes)
            {
                bodies.Add(Body(batch));
                batch.Clear();
                bytes = 0;
            }

            batch.Add(message);
            bytes += message.Length + 1;
        }

        if (batch.Count > 0)
        {
            bodies.Add(Body(batch));
        }

        return bodies;
    }

    public async Task SendAsync(string writeKey, IReadOnlyList<EventDraft> events, CancellationToken cancellationToken)
    {
        foreach (var body in Bodies(events))
        {
            await PostAsync(writeKey, body, cancellationToken);
        }
    }

    /// <summary>Posts one batch body; anything but 200 is an exception naming the status and the answer.</summary>
    public async Task PostAsync(string writeKey, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BatchUri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"tracker source: HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}", null, response.StatusCode);
        }
    }

    private static string Body(IEnumerable<string> messages) =>
        $"{{\"sentAt\":{JsonSerializer.Serialize(DateTimeOffset.UtcNow)},\"batch\":[{string.Join(",", messages)}]}}";
}
