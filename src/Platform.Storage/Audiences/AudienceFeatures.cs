using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Npgsql;
using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Domain.Modeling;
using Platform.Domain.Profiles;
using Platform.Storage.Training;
using Platform.Storage.Users;

namespace Platform.Storage.Audiences;

/// <summary>One user of an audience as models read them: their features now and their RFM segment (null without events).</summary>
public sealed record AudienceMember(string UserId, IReadOnlyDictionary<string, FeatureValue> Features, string? Segment);

/// <summary>The order an audience is read in.</summary>
public enum AudienceOrder
{
    /// <summary>By user id, compared byte-wise: the database sorts the whole audience before sending the first user.</summary>
    UserId,

    /// <summary>As the database finds them, for readers that do not depend on it: the first users come at once.</summary>
    Any,
}

/// <summary>
/// Reads an audience's users with their model features (docs/forecasts.md#audiences): the profile features stored with
/// each projection row (as of the last fold of the user's events, moved on to now by <see cref="FeatureAging"/>),
/// merged with the user's attributes and tags as training merges them. Rows written before the projection kept
/// features are folded from the user's events instead.
/// </summary>
public sealed class AudienceFeatures(NpgsqlDataSource dataSource, CurrentUserFeatures current)
{
    public const int Batch = 5_000;

    /// <summary>
    /// The most an audience read's sort (and, twice that, its join's hash) may hold in memory before spilling to disk:
    /// the rows are about 1 KB each, so the default 4 MB sent a 100,000-user audience's sort (in user id order) to disk
    /// (about 100 MB written and read back, the largest part of a forecast's query). A cap, not an allocation: a read
    /// holds about its audience's size, and audiences are at most Platform:Decisions:MaxAudienceUsers (200,000 by default; docs/forecasts.md). Only this query's
    /// transaction gets it.
    /// </summary>
    public const string SortMemory = "256MB";

    private const string ByUserId = "ORDER BY user_id COLLATE \"C\"";

    public async Task<long> CountAsync(string tenantId, Audience audience, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {AudienceSql.From} WHERE {AudienceSql.Where(audience, tenantId, command)}";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The audience in user id order, <see cref="Batch"/> users at a time, from one query (the audience's join is evaluated
    /// and sorted once, however large it is). The next batch is read and decoded while the caller works on this one.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<AudienceMember>> ReadAsync(
        string tenantId, Audience audience, DateTimeOffset now, ProfileSettings settings, CancellationToken cancellationToken = default) =>
        ReadAsync(tenantId, audience, now, settings, members => members, AudienceOrder.UserId, cancellationToken);

    /// <summary>
    /// The audience <see cref="Batch"/> users at a time in the given order, from one query; each batch turned by
    /// <paramref name="prepare"/> on the reading side (e.g. encoded for a model), so that this work too overlaps the
    /// caller's work on the batch before.
    /// </summary>
    public async IAsyncEnumerable<T> ReadAsync<T>(
        string tenantId, Audience audience, DateTimeOffset now, ProfileSettings settings, Func<IReadOnlyList<AudienceMember>, T> prepare,
        AudienceOrder order, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = System.Threading.Channels.Channel.CreateBounded<T>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => ProduceAsync(tenantId, audience, now, settings, prepare, order, batches.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                yield return batch;
            }
        }
        finally
        {
            // The caller may stop early: the reader must be done with its connection before this returns.
            await stop.CancelAsync();
            await reading; // never throws: its failure is the channel's
        }
    }

    // Writes the audience's batches; a failure completes the channel with it, so the caller's loop throws it.
    private async Task ProduceAsync<T>(
        string tenantId, Audience audience, DateTimeOffset now, ProfileSettings settings, Func<IReadOnlyList<AudienceMember>, T> prepare, AudienceOrder order,
        ChannelWriter<T> batches, CancellationToken cancellationToken)
    {
        try
        {
            await WriteBatchesAsync(tenantId, audience, now, settings, prepare, order, batches, cancellationToken);
            batches.Complete();
        }
        catch (Exception failure)
        {
            batches.TryComplete(failure);
        }
    }

    private async Task WriteBatchesAsync<T>(
        string tenantId, Audience audience, DateTimeOffset now, ProfileSettings settings, Func<IReadOnlyList<AudienceMember>, T> prepare, AudienceOrder order,
        ChannelWriter<T> batches, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var memory = new NpgsqlCommand($"SET LOCAL work_mem = '{SortMemory}'", connection, transaction))
        {
            await memory.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = Select(new NpgsqlCommand { Connection = connection, Transaction = transaction }, tenantId, audience, after: null, limit: null, order);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // A caller that stops early ends the query: closing the reader would otherwise read the rest of the audience first.
        await using var stop = cancellationToken.Register(command.Cancel);
        var features = new FeatureJsonReader();
        while (true)
        {
            var (members, missing) = await ReadRowsAsync(reader, Batch, now, features, cancellationToken);
            if (members.Count == 0)
            {
                return;
            }

            await FoldMissingAsync(tenantId, members, missing, now, settings, cancellationToken);
            await batches.WriteAsync(prepare(members), cancellationToken);
            if (members.Count < Batch)
            {
                return;
            }
        }
    }

    /// <summary>Up to <paramref name="limit"/> users of the audience in user id order, after the user id <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<AudienceMember>> PageAsync(
        string tenantId, Audience audience, string? after, int limit, DateTimeOffset now, ProfileSettings settings, CancellationToken cancellationToken = default)
    {
        List<AudienceMember> members;
        List<int> missing;
        await using (var command = Select(dataSource.CreateCommand(), tenantId, audience, after, limit, AudienceOrder.UserId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            (members, missing) = await ReadRowsAsync(reader, limit, now, new FeatureJsonReader(), cancellationToken);
        }

        await FoldMissingAsync(tenantId, members, missing, now, settings, cancellationToken);
        return members;
    }

    // Users with events whose row has no stored features get them folded from their events.
    private async Task FoldMissingAsync(
        string tenantId, List<AudienceMember> members, List<int> missing, DateTimeOffset now, ProfileSettings settings, CancellationToken cancellationToken)
    {
        if (missing.Count == 0)
        {
            return;
        }

        var folded = await current.OfAsync(tenantId, missing.Select(i => members[i].UserId).ToList(), now, settings, await current.CatalogAsync(tenantId, cancellationToken), cancellationToken);
        for (var k = 0; k < missing.Count; k++)
        {
            members[missing[k]] = members[missing[k]] with { Features = folded[k] };
        }
    }

    private static NpgsqlCommand Select(NpgsqlCommand command, string tenantId, Audience audience, string? after, int? limit, AudienceOrder order)
    {
        var where = AudienceSql.Where(audience, tenantId, command);
        command.CommandText = $"""
            SELECT user_id, u.age, u.gender, u.region, u.occupation, u.signup_date, u.attributes, u.tags,
                   u.tenant_id IS NOT NULL, p.tenant_id IS NOT NULL, p.features, p.as_of, p.rfm_segment
            FROM {AudienceSql.From}
            WHERE {where} AND (@after IS NULL OR user_id COLLATE "C" > @after)
            {(order == AudienceOrder.UserId ? ByUserId : "")} {(limit is null ? "" : "LIMIT @limit")}
            """;
        command.Parameters.AddWithValue("limit", limit ?? 0);
        command.Parameters.AddWithValue("after", (object?)after ?? DBNull.Value).NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        return command;
    }

    // Up to limit rows; also the indexes of users with events whose row has no stored features.
    private static async Task<(List<AudienceMember> Members, List<int> Missing)> ReadRowsAsync(
        NpgsqlDataReader reader, int limit, DateTimeOffset now, FeatureJsonReader features, CancellationToken cancellationToken)
    {
        var members = new List<AudienceMember>(Math.Min(limit, Batch));
        var missing = new List<int>();
        while (members.Count < limit && await reader.ReadAsync(cancellationToken))
        {
            var attributes = reader.GetBoolean(8) ? UserStore.Read(reader) : null;
            var hasProfile = reader.GetBoolean(9);
            var room = TrainingFeatures.RoomFor(attributes);
            Dictionary<string, FeatureValue>? merged = null;
            if (hasProfile && !reader.IsDBNull(10))
            {
                var aging = FeatureAging.Between(reader.GetFieldValue<DateTimeOffset>(11), now);
                using var json = reader.GetStream(10); // read whole and disposed before another column: reading one closes it
                merged = features.Read(json, aging, room);
            }

            if (hasProfile && merged is null)
            {
                missing.Add(members.Count);
            }

            merged ??= new Dictionary<string, FeatureValue>(room, StringComparer.Ordinal);
            if (attributes is not null)
            {
                TrainingFeatures.AddAttributes(merged, attributes);
            }

            members.Add(new AudienceMember(reader.GetString(0), merged, reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return (members, missing);
    }
}
