using System.Runtime.CompilerServices;
using Npgsql;
using Platform.Domain.Modeling;
using Platform.Domain.Profiles;
using Platform.Storage.Catalog;
using Platform.Storage.Events;
using Platform.Storage.Users;

namespace Platform.Storage.Training;

/// <summary>
/// Users' features as training would build them now: the profile folded from their logged events up to now, and their
/// attributes and tags. Drift checks compare recently active users' with a version's training rows
/// (docs/models.md#drift); scoring runs the ACTIVE USERS version on every user's (docs/models.md#scores-on-users).
/// </summary>
public sealed class CurrentUserFeatures(NpgsqlDataSource dataSource, EventLog log, UserStore users, CatalogStore catalog)
{
    public const int MaxActiveUsers = 5_000;
    public const int UsersPerBatch = 500;

    /// <summary>
    /// Up to <see cref="MaxActiveUsers"/> users seen since <paramref name="since"/> (null: every user with a profile), a
    /// fixed sample by a hash of their id.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>>> SampleAsync(
        string tenantId, DateTimeOffset? since, DateTimeOffset now, ProfileSettings settings, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT user_id FROM users.profiles WHERE tenant_id = @tenant AND (@since IS NULL OR last_seen_at >= @since) ORDER BY md5(user_id) LIMIT @max
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.Add(new NpgsqlParameter("since", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)since ?? DBNull.Value });
        command.Parameters.AddWithValue("max", MaxActiveUsers);
        var ids = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetString(0));
            }
        }

        return ids.Count == 0 ? [] : await OfAsync(tenantId, ids, now, settings, await CatalogAsync(tenantId, cancellationToken), cancellationToken);
    }

    /// <summary>Every user with a profile (one or more events), <see cref="UsersPerBatch"/> ids at a time, in id order.</summary>
    public async IAsyncEnumerable<IReadOnlyList<string>> AllAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT user_id FROM users.profiles WHERE tenant_id = @tenant ORDER BY user_id");
        command.Parameters.AddWithValue("tenant", tenantId);
        var batch = new List<string>(UsersPerBatch);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add(reader.GetString(0));
            if (batch.Count == UsersPerBatch)
            {
                yield return batch;
                batch = new List<string>(UsersPerBatch);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    public Task<IReadOnlyDictionary<string, ItemFacts>> CatalogAsync(string tenantId, CancellationToken cancellationToken = default) =>
        catalog.LoadFactsAsync(tenantId, UpliftRowReader.MaxCatalogItems, cancellationToken);

    /// <summary>The features of <paramref name="ids"/> now, in the same order.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>>> OfAsync(
        string tenantId, IReadOnlyList<string> ids, DateTimeOffset now, ProfileSettings settings, IReadOnlyDictionary<string, ItemFacts> facts,
        CancellationToken cancellationToken = default)
    {
        var attributes = await users.FindManyAsync(tenantId, ids, cancellationToken);
        var histories = (await log.ReadUsersBeforeAsync(tenantId, ids, now, cancellationToken))
            .GroupBy(e => e.Event.UserId).ToDictionary(g => g.Key, g => g.Select(e => e.Event).ToList(), StringComparer.Ordinal);
        return ids.Select(id =>
        {
            var profile = histories.TryGetValue(id, out var events) ? PointInTimeFeatures.At(events, [now], item => facts.GetValueOrDefault(item), settings)[0] : null;
            return TrainingFeatures.Merge(null, profile, attributes.GetValueOrDefault(id));
        }).ToList();
    }
}
