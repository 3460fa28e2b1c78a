using Platform.Cli.Demo;
using Platform.Simulation;

namespace Platform.Cli.Commands;

/// <summary>
/// Keeps the demo alive: live sessions of the simulated users, sent every second until stopped, through ingestEvents
/// or, with a tracker client, through the tracker source as Segment messages.
/// </summary>
public sealed class StreamCommand(GraphQLClient client, TrackerClient? tracker, TextWriter output)
{
    public async Task<int> RunAsync(string apiKey, WorldOptions options, double sessionsPerSecond, CancellationToken cancellationToken)
    {
        var world = new SimulatedWorld(options);
        var random = new Random();
        long sent = 0;
        var lastReport = DateTime.UtcNow;
        output.WriteLine($"Streaming about {sessionsPerSecond} sessions a second of {options.Users:N0} simulated users {(tracker is null ? "through ingestEvents" : $"to {tracker.BatchUri}")}; stop with Ctrl+C.");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var now = DateTimeOffset.UtcNow;
            var sessions = (int)sessionsPerSecond + (random.NextDouble() < sessionsPerSecond % 1 ? 1 : 0);
            var events = Enumerable.Range(0, sessions).SelectMany(_ => world.LiveSession(random, now)).ToList();
            if (events.Count == 0)
            {
                continue;
            }

            try
            {
                if (tracker is null)
                {
                    await client.ExecuteAsync(apiKey, ApiInputs.IngestEvents, new { events = events.Select(ApiInputs.Event).ToArray() }, cancellationToken);
                }
                else
                {
                    await tracker.SendAsync(apiKey, events, cancellationToken);
                }

                sent += events.Count;
            }
            catch (Exception exception) when (exception is HttpRequestException or GraphQLClientException)
            {
                output.WriteLine($"{now:HH:mm:ss} not sent ({exception.Message}); trying again next second.");
            }

            if (DateTime.UtcNow - lastReport > TimeSpan.FromMinutes(1))
            {
                output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {sent:N0} live events sent.");
                lastReport = DateTime.UtcNow;
            }
        }

        return 0;
    }
}
