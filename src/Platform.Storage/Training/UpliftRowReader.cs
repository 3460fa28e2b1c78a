using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using Platform.Domain.Modeling;
using Platform.Domain.Profiles;
using Platform.Storage.Catalog;
using Platform.Storage.Events;
using Platform.Storage.Users;

namespace Platform.Storage.Training;

/// <summary>
/// A tenant's uplift training rows (docs/models.md#training-data): every outcome row of its campaigns (live enrollments
/// and imported experiments), in user order, with the features training reads — what was stored at assignment, the
/// profile folded from the user's logged events before the assignment where the row does not carry it (an import of a
/// tenant that also imported its event history), and the user's attributes and tags. Users are read in batches, so memory
/// holds one batch of rows and their history at a time.
/// </summary>
public sealed class UpliftRowReader(NpgsqlDataSource dataSource, EventLog log, UserStore users, CatalogStore catalog)
{
    public const int UsersPerBatch = 500;
    public const int MaxCatalogItems = 1_000_000;

    /// <summary>The campaigns that have outcome rows.</summary>
    public async Task<IReadOnlyList<string>> CampaignsWithRowsAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT DISTINCT campaign_id FROM campaigns.outcomes WHERE tenant_id = @tenant ORDER BY campaign_id");
        command.Parameters.AddWithValue("tenant", tenantId);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>The tenant's outcome rows, all of them (what <see cref="UserSample.ShareFor"/> weighs).</summary>
    public async Task<long> CountAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM campaigns.outcomes WHERE tenant_id = @tenant");
        command.Parameters.AddWithValue("tenant", tenantId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <param name="sample">The share of users read (<see cref="UserSample"/>); 1 reads every row.</param>
    public async IAsyncEnumerable<UpliftRow> ReadAsync(
        string tenantId, ProfileSettings settings, double sample = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var facts = await catalog.LoadFactsAsync(tenantId, MaxCatalogItems, cancellationToken);
        await using var command = dataSource.CreateCommand($"""
            SELECT campaign_id, user_id, arm, assigned_at, conversions, revenue, participated, features::text
            FROM campaigns.outcomes WHERE tenant_id = @tenant AND {UserSample.Filter("user_id")} ORDER BY user_id, assigned_at, campaign_id
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        UserSample.Bind(command, sample);
        var batch = new List<StoredRow>();
        var batchUsers = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new StoredRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2) == "TREATMENT",
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.IsDBNull(5) ? null : (double)reader.GetDecimal(5),
                reader.IsDBNull(6) ? null : reader.GetBoolean(6),
                Features(reader.GetString(7)));
            if (batch.Count == 0 || batch[^1].UserId != row.UserId)
            {
                if (batchUsers == UsersPerBatch)
                {
                    foreach (var enriched in await EnrichAsync(tenantId, batch, facts, settings, cancellationToken))
                    {
                        yield return enriched;
                    }

                    batch.Clear();
                    batchUsers = 0;
                }

                batchUsers++;
            }

            batch.Add(row);
        }

        foreach (var enriched in await EnrichAsync(tenantId, batch, facts, settings, cancellationToken))
        {
            yield return enriched;
        }
    }

    private async Task<List<UpliftRow>> EnrichAsync(
        string tenantId, List<StoredRow> rows, IReadOnlyDictionary<string, ItemFacts> facts, ProfileSettings settings, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.UserId).Distinct().ToList();
        var attributes = await users.FindManyAsync(tenantId, ids, cancellationToken);
        var needHistory = rows.Where(r => !TrainingFeatures.HasProfile(r.Stored)).ToList();
        var histories = needHistory.Count == 0
            ? []
            : (await log.ReadUsersBeforeAsync(tenantId, needHistory.Select(r => r.UserId).Distinct().ToList(), needHistory.Max(r => r.AssignedAt), cancellationToken))
                .GroupBy(e => e.Event.UserId).ToDictionary(g => g.Key, g => g.Select(e => e.Event).ToList(), StringComparer.Ordinal);

        var result = new List<UpliftRow>(rows.Count);
        foreach (var user in rows.GroupBy(r => r.UserId))
        {
            var history = user.Where(r => !TrainingFeatures.HasProfile(r.Stored)).ToList();
            var profiles = history.Count > 0 && histories.TryGetValue(user.Key, out var events)
                ? PointInTimeFeatures.At(events, history.Select(r => r.AssignedAt).ToList(), id => facts.GetValueOrDefault(id), settings)
                : [];
            foreach (var row in user)
            {
                var index = history.IndexOf(row);
                var profile = index >= 0 && index < profiles.Count ? profiles[index] : null;
                result.Add(new UpliftRow(
                    row.CampaignId, row.UserId, row.Treated, row.Conversions, row.Revenue, row.Participated,
                    TrainingFeatures.Merge(row.Stored, profile, attributes.GetValueOrDefault(user.Key)), row.AssignedAt));
            }
        }

        return result;
    }

    private static IReadOnlyDictionary<string, FeatureValue> Features(string json)
    {
        using var document = JsonDocument.Parse(json);
        return TrainingFeatures.FromJson(document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value.Clone())));
    }

    private sealed record StoredRow(
        string CampaignId, string UserId, bool Treated, DateTimeOffset AssignedAt, int? Conversions, double? Revenue, bool? Participated,
        IReadOnlyDictionary<string, FeatureValue> Stored);
}
