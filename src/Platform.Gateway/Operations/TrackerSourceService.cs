using System.Text.Json;
using Platform.Abstractions.Tenants;
using Platform.Domain.Errors;
using Platform.Domain.Events;
using Platform.Domain.Trackers;
using Platform.Domain.Users;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Transport;
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
    RequestAdmission admission, TimeProvider clock, ILogger<TrackerSourceService> logger)
{
    /// <summary>What an alias costs against the rate limit, in events: it reads and copies up to <see cref="UserAliasService.MaxAnonymousEvents"/>.</summary>
    public const int AliasCost = 1_000;

    /// <summary>Problems listed per message; more are summed up in one last entry.</summary>
    public const int MaxProblemsListed = 8;

    private const string TraitNotStored = "not_stored";

    /// <summary>One message as it arrived; <see cref="Call"/> is set when the path names it (/v1/track).</summary>
    public sealed record Incoming(JsonElement Message, string? Call, int Bytes);

    /// <summary>
    /// Stores the messages and lists the rest; or, when the events and aliases they carry cost more than the tenant's
    /// rate limit has left (one token per started 100 events, <see cref="AliasCost"/> per alias), stores nothing and says so.
    /// </summary>
    public async Task<AccessDenial?> AcceptAsync(Caller caller, IReadOnlyList<Incoming> incoming, DateTimeOffset? sentAt, CancellationToken cancellationToken)
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

        var cost = mapped.Sum(m => m.Events.Count) + AliasCost * mapped.Count(m => m.Alias is not null);
        if (await admission.ChargeAsync(caller, cost) is { } denial)
        {
            return denial;
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
        return null;
    }

    // Whatever a message holds, it is refused alone rather than failing its whole batch.
    private TrackerMessage Map(Incoming item, DateTimeOffset receivedAt, DateTimeOffset? sentAt, IReadOnlyList<AttributeDefinition> schema)
    {
        if (item.Bytes > TrackerRules.MaxMessageBytes)
        {
            return Unreadable(item, new Violation("message", "too_large",
                $"A message may hold at most {TrackerRules.MaxMessageBytes / 1024} KB; this one has {item.Bytes / 1024} KB."));
        }

        if (RequestJson.Problem(item.Message) is { } problem)
        {
            return Unreadable(item, new Violation("message", "format", problem));
        }

        try
        {
            return TrackerMapping.Map(item.Message, item.Call, receivedAt, sentAt, schema);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
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

        // Each identify is checked alone, so that one broken message does not take its user's others down with it.
        var refused = 0;
        var valid = new List<TrackerMessage>();
        foreach (var message in identified.Where(m => m.User is not null))
        {
            if (UserValidator.Validate(message.User!, tenant.AttributeSchema).Violations is { Count: > 0 } broken)
            {
                notes.Add(Note(message, receivedAt, TrackerMessageStatus.Refused, broken.Select(v => v with { Field = TraitPath(v.Field) }).ToList()));
                refused++;
            }
            else
            {
                valid.Add(message);
            }
        }

        var byUser = valid.GroupBy(m => m.User!.UserId!, StringComparer.Ordinal).ToList();
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

    /// <summary>Several identifies of one user in a request: later traits win, attributes by name, tags added up (the latest kept).</summary>
    private static UserDraft Merge(UserDraft earlier, UserDraft later) => new(
        later.UserId,
        later.Age ?? earlier.Age,
        later.Gender ?? earlier.Gender,
        later.Region ?? earlier.Region,
        later.Occupation ?? earlier.Occupation,
        later.SignupDate ?? earlier.SignupDate,
        earlier.Attributes is null && later.Attributes is null ? null
            : (earlier.Attributes ?? []).Concat(later.Attributes ?? []).GroupBy(a => a.Name).Select(g => g.Last()).ToList(),
        earlier.Tags is null && later.Tags is null ? null
            : (earlier.Tags ?? []).Concat(later.Tags ?? []).Reverse().Distinct().Take(UserValidator.MaxTags).Reverse().ToList());

    /// <returns>How many track messages were refused.</returns>
    private async Task<int> StoreEventsAsync(
        TenantInfo tenant, IReadOnlyList<TrackerMessage> messages, DateTimeOffset receivedAt, List<TrackerMessageRecord> notes, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<TrackerMessage, List<Violation>>(ReferenceEqualityComparer.Instance);
        var horizon = TimeSpan.FromDays(tenant.Settings.EventHorizonDays);
        foreach (var order in messages.Where(m => m.Events.Count > 1))
        {
            // An order is stored whole or not at all: its lines must pass now and a minute from now (ingestion reads
            // its own clock a moment later; the horizon and the future tolerance move with it).
            var broken = order.Events.SelectMany(e => new[] { receivedAt, receivedAt.AddMinutes(1) }
                .SelectMany(at => EventValidator.Validate(e.Draft, at, horizon).Violations)
                .Select(v => v with { Field = e.SourceField(v.Field) })).Distinct().ToList();
            if (broken.Count > 0)
            {
                problems[order] = broken;
            }
        }

        foreach (var chunk in WholeMessages(messages.Where(m => m.Events.Count > 0 && !problems.ContainsKey(m))))
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

    /// <summary>The messages' events in chunks of at most <see cref="EventRules.MaxBatch"/>, never splitting a message (an order).</summary>
    private static IEnumerable<List<(TrackerMessage Message, TrackedEvent Event)>> WholeMessages(IEnumerable<TrackerMessage> messages)
    {
        var chunk = new List<(TrackerMessage, TrackedEvent)>();
        foreach (var message in messages)
        {
            if (chunk.Count + message.Events.Count > EventRules.MaxBatch)
            {
                yield return chunk;
                chunk = [];
            }

            chunk.AddRange(message.Events.Select(e => (message, e)));
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private static string TraitPath(string field) => field switch
    {
        "id" => "userId",
        "signupDate" => "traits.createdAt",
        _ when field.StartsWith("attributes.", StringComparison.Ordinal) => "traits." + field["attributes.".Length..],
        _ => "traits." + field,
    };

    private static TrackerMessage Unreadable(Incoming item, Violation problem) =>
        new(item.Call ?? Readable(item.Message, "type") ?? "unknown", Readable(item.Message, "messageId") ?? TrackerMapping.ContentId(item.Message),
            Readable(item.Message, "event"), Readable(item.Message, "userId") ?? Readable(item.Message, "anonymousId"), [], null, [], null, [problem]);

    /// <summary>A field of a message that could not be mapped, when it is a readable string or a number.</summary>
    private static string? Readable(JsonElement message, string name) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String when RequestJson.Problem(value) is null => value.GetString() is { Length: > 0 } text ? text : null,
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static TrackerMessageRecord Note(TrackerMessage message, DateTimeOffset receivedAt, TrackerMessageStatus status, IReadOnlyList<Violation> problems) =>
        new(receivedAt, status, message.Call, message.EventName, message.MessageId, message.UserId, Listed(problems));

    private static IReadOnlyList<Violation> Listed(IReadOnlyList<Violation> problems) =>
        problems.Count <= MaxProblemsListed
            ? problems
            : [.. problems.Take(MaxProblemsListed - 1), new Violation("message", "more", $"… and {problems.Count - MaxProblemsListed + 1} more.")];
}
