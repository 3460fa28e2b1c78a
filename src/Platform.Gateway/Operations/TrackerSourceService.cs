using System.Text.Json;
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
/// Stores what tracker messages carry, by the same paths as the API: events through ingestEvents' ingestion (exactly
/// once by event id, acknowledged after the commit, campaign notices included), identify traits through upsertUsers'
/// writes (tags added), then aliases. What was refused or ignored goes to the source debugger with the rule.
/// </summary>
public sealed class TrackerSourceService(
    UserDataService data, UserWrites writes, UserAliasService aliases, TenantDirectory tenants, TrackerMessageStore debugger, TimeProvider clock)
{
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
            var message = item.Bytes > TrackerRules.MaxMessageBytes
                ? TooLarge(item)
                : TrackerMapping.Map(item.Message, item.Call, receivedAt, sentAt, tenant.AttributeSchema);
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
        await StoreEventsAsync(tenant.Id, mapped, receivedAt, notes, cancellationToken);
        await StoreUsersAsync(tenant.Id, tenant.AttributeSchema, mapped, receivedAt, notes, cancellationToken);
        foreach (var message in mapped.Where(m => m.Alias is not null))
        {
            await aliases.MergeAsync(caller, message.Alias!, cancellationToken);
        }

        await debugger.RecordAsync(tenant.Id, notes, cancellationToken);
        var refused = notes.Count(n => n.Status == TrackerMessageStatus.Refused);
        GatewayMetrics.TrackerMessages.WithLabels("refused").Inc(refused);
        GatewayMetrics.TrackerMessages.WithLabels("ignored").Inc(incoming.Count - mapped.Count - refusedUnmapped);
        GatewayMetrics.TrackerMessages.WithLabels("stored").Inc(mapped.Count - (refused - refusedUnmapped));
    }

    private const string TraitNotStored = "not_stored";

    private async Task StoreEventsAsync(
        string tenantId, IReadOnlyList<TrackerMessage> messages, DateTimeOffset receivedAt, List<TrackerMessageRecord> notes, CancellationToken cancellationToken)
    {
        var events = messages.SelectMany(m => m.Events.Select(e => (Message: m, Event: e))).ToList();
        var problems = new Dictionary<TrackerMessage, List<Violation>>(ReferenceEqualityComparer.Instance);
        foreach (var chunk in events.Chunk(EventRules.MaxBatch))
        {
            var outcome = await data.IngestEventsAsync(tenantId, chunk.Select(c => c.Event.Draft).ToList(), cancellationToken);
            foreach (var result in outcome.Results.Where(r => r.Status == IngestStatus.Rejected))
            {
                var (message, tracked) = chunk[result.Index];
                var list = problems.TryGetValue(message, out var known) ? known : problems[message] = [];
                list.AddRange(result.Errors.Select(v => v with { Field = tracked.SourceField(v.Field) }));
            }
        }

        notes.AddRange(problems.Select(p => Note(p.Key, receivedAt, TrackerMessageStatus.Refused, p.Value.Distinct().ToList())));
    }

    private async Task StoreUsersAsync(
        string tenantId, IReadOnlyList<AttributeDefinition> schema, IReadOnlyList<TrackerMessage> messages, DateTimeOffset receivedAt,
        List<TrackerMessageRecord> notes, CancellationToken cancellationToken)
    {
        var identified = messages.Where(m => m.Call == "identify").ToList();
        foreach (var message in identified.Where(m => m.IgnoredTraits.Count > 0))
        {
            notes.Add(Note(message, receivedAt, TrackerMessageStatus.Ignored, message.IgnoredTraits
                .Select(t => new Violation($"traits.{t}", TraitNotStored, $"'{t}' is not stored: only age, gender, occupation, region, createdAt, tags and declared attributes are.")).ToList()));
        }

        var withUser = identified.Where(m => m.User is not null).ToList();
        foreach (var chunk in withUser.Chunk(UserDataService.MaxBatch))
        {
            var outcome = await writes.UpsertUsersAsync(tenantId, schema, chunk.Select(m => m.User!).ToList(), TagMerge.Add, cancellationToken);
            foreach (var result in outcome.Results.Where(r => !r.IsValid))
            {
                notes.Add(Note(chunk[result.Index], receivedAt, TrackerMessageStatus.Refused, result.Errors.Select(v => v with { Field = TraitPath(v.Field) }).ToList()));
            }
        }
    }

    private static string TraitPath(string field) => field switch
    {
        "id" => "userId",
        "signupDate" => "traits.createdAt",
        _ when field.StartsWith("attributes.", StringComparison.Ordinal) => "traits." + field["attributes.".Length..],
        _ => "traits." + field,
    };

    private static TrackerMessage TooLarge(Incoming item) =>
        new(item.Call ?? "unknown", TrackerMapping.ContentId(item.Message), null, null, [], null, [], null,
            [new Violation("message", "too_large", $"A message may hold at most {TrackerRules.MaxMessageBytes / 1024} KB; this one has {item.Bytes / 1024} KB.")]);

    private static TrackerMessageRecord Note(TrackerMessage message, DateTimeOffset receivedAt, TrackerMessageStatus status, IReadOnlyList<Violation> problems) =>
        new(receivedAt, status, message.Call, message.EventName, message.MessageId, message.UserId, problems);
}
