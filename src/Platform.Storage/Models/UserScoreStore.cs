using Npgsql;
using NpgsqlTypes;
using Platform.Domain.Modeling.UserScores;
using Platform.Storage.Users;

namespace Platform.Storage.Models;

/// <summary>Users' scores from the ACTIVE USERS version (models.user_scores; docs/models.md#scores-on-users).</summary>
public sealed class UserScoreStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Writes (replaces) the scores of a batch of users, computed at their <see cref="UserScore.ScoredAt"/>. A user erased
    /// since (an erasure recorded at or after that time, pending or complete) is left out, as the profile projection does,
    /// so a scoring job that read the user before a forgetUser cannot bring their scores back.
    /// </summary>
    public async Task WriteAsync(string tenantId, IReadOnlyList<(string UserId, UserScore Score)> scores, CancellationToken cancellationToken = default)
    {
        if (scores.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand($"""
            INSERT INTO models.user_scores (tenant_id, user_id, version_id, propensity, expected_spend, churn_risk, persona, persona_description, scored_at)
            SELECT @tenant, s.* FROM unnest(@users, @versions, @propensity, @spend, @churn, @persona, @description, @at)
                AS s(user_id, version_id, propensity, expected_spend, churn_risk, persona, persona_description, scored_at)
            WHERE NOT {ErasureStore.ErasedSince("@tenant", "s.user_id", "s.scored_at")}
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET
                version_id = excluded.version_id, propensity = excluded.propensity, expected_spend = excluded.expected_spend,
                churn_risk = excluded.churn_risk, persona = excluded.persona, persona_description = excluded.persona_description,
                scored_at = excluded.scored_at
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("users", scores.Select(s => s.UserId).ToArray());
        command.Parameters.AddWithValue("versions", scores.Select(s => s.Score.VersionId).ToArray());
        command.Parameters.AddWithValue("propensity", scores.Select(s => s.Score.Propensity).ToArray());
        command.Parameters.AddWithValue("spend", scores.Select(s => s.Score.ExpectedSpend).ToArray());
        command.Parameters.AddWithValue("churn", scores.Select(s => s.Score.ChurnRisk).ToArray());
        command.Parameters.Add(new NpgsqlParameter("persona", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = scores.Select(s => s.Score.Persona is { } p ? (object)(short)p : DBNull.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("description", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = scores.Select(s => (object?)s.Score.PersonaDescription ?? DBNull.Value).ToArray() });
        command.Parameters.AddWithValue("at", scores.Select(s => s.Score.ScoredAt).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>How many users a version has scored so far, and when the latest was; (0, null) before any.</summary>
    public async Task<(long Users, DateTimeOffset? LatestAt)> ProgressAsync(string tenantId, Guid versionId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*), max(scored_at) FROM models.user_scores WHERE tenant_id = @tenant AND version_id = @version");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("version", versionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    public async Task<UserScore?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        (await FindManyAsync(tenantId, [userId], cancellationToken)).GetValueOrDefault(userId);

    /// <summary>The scores of the given users that have any, by user id.</summary>
    public async Task<IReadOnlyDictionary<string, UserScore>> FindManyAsync(string tenantId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT user_id, version_id, propensity, expected_spend, churn_risk, persona, persona_description, scored_at
            FROM models.user_scores WHERE tenant_id = @tenant AND user_id = ANY(@users)
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("users", userIds.ToArray());
        var found = new Dictionary<string, UserScore>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = new UserScore(
                reader.GetGuid(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4),
                reader.IsDBNull(5) ? null : reader.GetInt16(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7));
        }

        return found;
    }
}
