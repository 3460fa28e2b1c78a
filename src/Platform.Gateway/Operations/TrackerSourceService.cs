using System.Text.Json;
using Platform.Abstractions.Tenants;
using Platform.Domain.Errors;
using Platform.Domain.Events;
using Platform.Domain.Trackers;
using Platform.Domain.Users;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Auth;
using Platform.Gateway.Hosting;
using Platform.Ingestion;
using Platform.Storage.Trackers;
using Platform.Storage.Users;

namespace Platform.Gateway.Operations;

/// <summary>
/// Stores what tracker messages carry, by the same paths as the API, in this order: identify traits through upsertUsers'
/// writes (tags added; several identifies of one user merged in order), events through ingestEvents' ingestion (exactly
/// once by event id, acknowledged after the commit, campaign notices included; an order's lines all or none), then
/// aliases. What was refused or ignored goes to the source debugger with the rules.
/// </summary>
public sealed class TrackerSourceService(
    UserDataService data, UserWrites writes, UserAliasService aliases, TenantDirectory tenants, TrackerMessageStore debugger,
    TimeProvider clock, ILogger<TrackerSourceService> logger)
{
    /// <summary>Problems listed per message; more are summed up in one last entry.</summary>
    public const int MaxProblemsListed = 8;

    private const string TraitNotStored = "not_stored";

    /// <summary>One message as it arrived; <see cref="Call"/> is set when the path names it (/v1/track).</summary>
    public sealed record Incoming(JsonElement Message, string? Call, int Bytes);

    public async Task AcceptAsync(Caller caller, IReadOnlyList<Incoming> incoming, DateTimeOffset? sentAt, CancellationToken cancellationToken)
    {
        var tenant = await tenants.FindAsync(caller.TenantId!) ?? throw ApiError.NotFound("tenant", caller.TenantId!);
        var receivedAt = clock.GetUtcNow();
        var notes = new List<TrackerMessageRecord>();
        var mapped = new List<TrackerMessage>();
        foreach (var item in incoming)
        {
            var message = Map(item, receivedAt, sentAt, tenant.AttributeSchema);
            if (message.Problems.Count > 0)
            {
                notes.Add(Note(message, receivedAt, message.IsIgnored ? TrackerMessageStatus.Ignored : TrackerMessageStatus.Refused, message.Problems));
            }
            else
            {
                mapped.Add(message);
            }
        }

        var refusedUnmapped = notes.Count(n => n.Status == TrackerMessageStatus.Refused);
        var ignoredUnmapped = notes.Count - refusedUnmapped;
        var refusedLater = 0;
        refusedLater += await StoreUsersAsync(tenant, mapped, receivedAt, notes, cancellationToken);
        refusedLater += await StoreEventsAsync(tenant, mapped, receivedAt, notes, cancellationToken);
        foreach (var message in mapped.Where(m => m.Alias is not null))
        {
            var problems = await aliases.MergeAsync(caller, message.Alias!, cancellationToken);
            if (problems.Count > 0)
            {
                notes.Add(Note(message, receivedAt, TrackerMessageStatus.Refused, problems));
                refusedLater++;
            }
        }

        await debugger.RecordAsync(tenant.Id, notes, cancellationToken);
        GatewayMetrics.TrackerMessages.WithLabels("stored").Inc(mapped.Count - refusedLater);
        GatewayMetrics.TrackerMessages.WithLabels("refused").Inc(refusedUnmapped + refusedLater);
        GatewayMetrics.TrackerMessages.WithLabels("ignored").Inc(ignoredUnmapped);
    }

    // Whatever a message holds, it is refused alone rather than failing its whole batch.
    private TrackerMessage Map(Incoming item, DateTimeOffset receivedAt, DateTimeOffset? sentAt, IReadOnlyList<AttributeDefinition> schema)
    {
        if (item.Bytes > TrackerRules.MaxMessageBytes)
        {
            return Unreadable(item, new Violation("message", "too_large",
                $"A message may hold at most {TrackerRules.MaxMessageBytes / 1024} KB; this one has {item.Bytes / 1024} KB."));
        }

        try
        {
            return TrackerMapping.Map(item.Message, item.Call, receivedAt, sentAt, schema);
        }
        catch (Exception exception) when (exception is ArgumentException or OverflowException or InvalidOperationException or FormatException)
        {
            logger.LogWarning(exception, "A tracker message could not be mapped");
            return Unreadable(item, new Violation("message", "unreadable", "The message could not be read."));
        }
    }

    /// <returns>How many identify messages were refused.</returns>
    private async Task<int> StoreUsersAsync(
        TenantInfo tenant, IReadOnlyList<TrackerMessage> messages, DateTimeOffset receivedAt, List<TrackerMessageRecord> notes, CancellationToken cancellationToken)
    {
        var identified = messages.Where(m => m.Call == "identify").ToList();
        foreach (var message in identified.Where(m => m.IgnoredTraits.Count > 0))
        {
            notes.Add(Note(message, receivedAt, TrackerMessageStatus.Ignored, message.IgnoredTraits
                .Select(t => new Violation($"traits.{t}", TraitNotStored, $"'{t}' is not stored: only age, gender, occupation, region, createdAt, tags and declared attributes are.")).ToList()));
        }

        var byUser = identified.Where(m => m.User is not null).GroupBy(m => m.User!.UserId!, StringComparer.Ordinal).ToList();
        var refused = 0;
        foreach (var chunk in byUser.Chunk(UserDataService.MaxBatch))
        {
            var drafts = chunk.Select(g => g.Select(m => m.User!).Aggregate(Merge)).ToList();
            var outcome = await writes.UpsertUsersAsync(tenant.Id, tenant.AttributeSchema, drafts, TagMerge.Add, cancellationToken);
            foreach (var result in outcome.Results.Where(r => !r.IsValid))
            {
                foreach (var message in chunk[result.Index])
                {
                    notes.Add(Note(message, receivedAt, TrackerMessageStatus.Refused, result.Errors.Select(v => v with { Field = TraitPath(v.Field) }).ToList()));
                    refused++;
                }
            }
        }

        return refused;
    }

    /// <summary>Several identifies of one user in a request: later traits win, attributes by name, tags added up.</summary>
    private static UserDraft Merge(UserDraft earlier, UserDraft later) => new(
        later.UserId,
        later.Age ?? earlier.Age,
        later.Gender ?? earlier.Gender,
        later.Region ?? earlier.Region,
        later.Occupation ?? earlier.Occupation,
        later.SignupDate ?? earlier.SignupDate,
        earlier.Attributes is null && later.Attributes is null ? null
            : (earlier.Attributes ?? []).Concat(later.Attributes ?? []).GroupBy(a => a.Name).Select(g => g.Last()).ToList(),
        earlier.Tags is null && later.Tags is null ? null : (earlier.Tags ?? []).Concat(later.Tags ?? []).Distinct().ToList());

    /// <returns>How many track messages were refused.</returns>
    private async Task<int> StoreEventsAsync(
        TenantInfo tenant, IReadOnlyList<TrackerMessage> messages, DateTimeOffset receivedAt, List<TrackerMessageRecord> notes, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<TrackerMessage, List<Violation>>(ReferenceEqualityComparer.Instance);
        var horizon = TimeSpan.FromDays(tenant.Settings.EventHorizonDays);
        foreach (var order in messages.Where(m => m.Events.Count > 1))
        {
            var broken = order.Events.SelectMany(e => EventValidator.Validate(e.Draft, receivedAt, horizon).Violations.Select(v => v with { Field = e.SourceField(v.Field) })).ToList();
            if (broken.Count > 0)
            {
                problems[order] = broken;
            }
        }

        var events = messages.Where(m => !problems.ContainsKey(m)).SelectMany(m => m.Events.Select(e => (Message: m, Event: e))).ToList();
        foreach (var chunk in events.Chunk(EventRules.MaxBatch))
        {
            var outcome = await data.IngestEventsAsync(tenant.Id, chunk.Select(c => c.Event.Draft).ToList(), cancellationToken);
            foreach (var result in outcome.Results.Where(r => r.Status == IngestStatus.Rejected))
            {
                var (message, tracked) = chunk[result.Index];
                var list = problems.TryGetValue(message, out var known) ? known : problems[message] = [];
                list.AddRange(result.Errors.Select(v => v with { Field = tracked.SourceField(v.Field) }));
            }
        }

        notes.AddRange(problems.Select(p => Note(p.Key, receivedAt, TrackerMessageStatus.Refused, p.Value.Distinct().ToList())));
        return problems.Count;
    }

    private static string TraitPath(string field) => field switch
    {
        "id" => "userId",
        "signupDate" => "traits.createdAt",
        _ when field.StartsWith("attributes.", StringComparison.Ordinal) => "traits." + field["attributes.".Length..],
        _ => "traits." + field,
    };

    private static TrackerMessage Unreadable(Incoming item, Violation problem)
    {
        var given = item.Message.ValueKind == JsonValueKind.Object && item.Message.TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
        return new(item.Call ?? "unknown", string.IsNullOrEmpty(given) ? TrackerMapping.ContentId(item.Message) : given, null, null, [], null, [], null, [problem]);
    }

    private static TrackerMessageRecord Note(TrackerMessage message, DateTimeOffset receivedAt, TrackerMessageStatus status, IReadOnlyList<Violation> problems) =>
        new(receivedAt, status, message.Call, message.EventName, message.MessageId, message.UserId, Listed(problems));

    private static IReadOnlyList<Violation> Listed(IReadOnlyList<Violation> problems) =>
        problems.Count <= MaxProblemsListed
            ? problems
            : [.. problems.Take(MaxProblemsListed - 1), new Violation("message", "more", $"… and {problems.Count - MaxProblemsListed + 1} more.")];
}
