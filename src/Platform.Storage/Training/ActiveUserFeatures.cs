using Npgsql;
using Platform.Domain.Modeling;
using Platform.Domain.Profiles;
using Platform.Storage.Catalog;
using Platform.Storage.Events;
using Platform.Storage.Users;

namespace Platform.Storage.Training;

/// <summary>
/// The features of users seen recently, as training would build them now (docs/models.md#drift): the profile folded from
/// their logged events up to now, and their attributes and tags. A drift check compares them with a version's training rows.
/// </summary>
public sealed class ActiveUserFeatures(NpgsqlDataSource dataSource, EventLog log, UserStore users, CatalogStore catalog)
{
    public const int MaxUsers = 5_000;

    /// <summary>Up to <see cref="MaxUsers"/> users seen since <paramref name="since"/>, a fixed sample by a hash of their id.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>>> ReadAsync(
        string tenantId, DateTimeOffset since, DateTimeOffset now, ProfileSettings settings, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT user_id FROM users.profiles WHERE tenant_id = @tenant AND last_seen_at >= @since ORDER BY md5(user_id) LIMIT @max
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("max", MaxUsers);
        var ids = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetString(0));
            }
        }

        if (ids.Count == 0)
        {
            return [];
        }

        var facts = await catalog.LoadFactsAsync(tenantId, UpliftRowReader.MaxCatalogItems, cancellationToken);
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
