using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Platform.Cli.Demo;
using Platform.Domain.Events;

namespace Platform.Cli.Bench;

/// <summary>
/// A storefront's live traffic beside an import: one ingestEvents request of <see cref="EventsPerRequest"/> views every
/// <see cref="Interval"/>, to <see cref="Shoppers"/> shoppers of its own tenant whose grains are warm, timing each
/// acknowledgement.
/// </summary>
public sealed class LiveIngestProbe(RawGraphQL api)
{
    public const int EventsPerRequest = 10;
    public const int Shoppers = 200;
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private int sent;

    /// <summary>Sends requests until every shopper has events, so that the timed requests meet active grains.</summary>
    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        while (sent * EventsPerRequest < Shoppers * 2)
        {
            await SendAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Sends until <paramref name="stop"/> is cancelled; returns the acknowledgement times in milliseconds, sorted. Each is
    /// timed from the moment its request was due, not from when it could be sent: a stall delays the requests behind it,
    /// and they count it too, as a storefront's shoppers would.
    /// </summary>
    public Task<IReadOnlyList<double>> RunAsync(CancellationToken stop) => PacedAsync(() => SendAsync(CancellationToken.None), stop);

    /// <summary>Calls <paramref name="send"/> every <see cref="Interval"/> until <paramref name="stop"/>; each call's time in milliseconds from when it was due, sorted.</summary>
    public static async Task<IReadOnlyList<double>> PacedAsync(Func<Task> send, CancellationToken stop)
    {
        var times = new List<double>();
        var pace = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            var due = Interval * times.Count;
            if (due > pace.Elapsed)
            {
                try
                {
                    await Task.Delay(due - pace.Elapsed, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            await send();
            times.Add((pace.Elapsed - due).TotalMilliseconds);
        }

        times.Sort();
        return times;
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        var answer = (await api.PostAsync(NextBody(), cancellationToken)).GetProperty("ingestEvents");
        if (answer.GetProperty("accepted").GetInt32() != EventsPerRequest)
        {
            throw new InvalidOperationException($"the live probe's events were not all accepted: {answer}");
        }
    }

    private string NextBody()
    {
        var first = sent++ * EventsPerRequest;
        var at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var events = Enumerable.Range(first, EventsPerRequest)
            .Select(i => new EventDraft($"live-{i}", $"live-shopper-{i % Shoppers}", "VIEW", at, ItemId: $"item-{i % 500}"))
            .Select(ApiInputs.Event);
        return JsonSerializer.Serialize(new { query = ApiInputs.IngestEvents, variables = new { events } });
    }
}
