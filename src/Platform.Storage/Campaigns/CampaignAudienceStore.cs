using Npgsql;
using NpgsqlTypes;

namespace Platform.Storage.Campaigns;

/// <summary>How a launched campaign's uplift audience was frozen: by which uplift version, how many users, when.</summary>
public sealed record AudienceFreeze(Guid VersionId, long Users, DateTimeOffset FrozenAt);

/// <summary>
/// campaigns.audience_picks and audience_freezes: the users a campaign's uplift audience picked at launch
/// (docs/audiences.md#uplift-audiences); scoped by tenant.
/// </summary>
public sealed class CampaignAudienceStore(NpgsqlDataSource dataSource)
{
    /// <summary>Replaces the campaign's picked users (a launch that failed after freezing may freeze again).</summary>
    public async Task FreezeAsync(string tenantId, string campaignId, IReadOnlyList<string> userIds, AudienceFreeze freeze, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = new NpgsqlCommand(
            "DELETE FROM campaigns.audience_picks WHERE tenant_id = @tenant AND campaign_id = @campaign", connection, transaction))
        {
            clear.Parameters.AddWithValue("tenant", tenantId);
            clear.Parameters.AddWithValue("campaign", campaignId);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = new NpgsqlCommand("""
            INSERT INTO campaigns.audience_picks (tenant_id, campaign_id, user_id) SELECT @tenant, @campaign, unnest(@users) ON CONFLICT DO NOTHING;
            INSERT INTO campaigns.audience_freezes (tenant_id, campaign_id, version_id, users, frozen_at) VALUES (@tenant, @campaign, @version, @count, @at)
            ON CONFLICT (tenant_id, campaign_id) DO UPDATE SET version_id = EXCLUDED.version_id, users = EXCLUDED.users, frozen_at = EXCLUDED.frozen_at
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("tenant", tenantId);
            insert.Parameters.AddWithValue("campaign", campaignId);
            insert.Parameters.Add(new NpgsqlParameter("users", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = userIds.ToArray() });
            insert.Parameters.AddWithValue("version", freeze.VersionId);
            insert.Parameters.AddWithValue("count", freeze.Users);
            insert.Parameters.AddWithValue("at", freeze.FrozenAt.ToUniversalTime());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Forgets the campaign's picks and how they were frozen.</summary>
    public async Task ThawAsync(string tenantId, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM campaigns.audience_picks WHERE tenant_id = @tenant AND campaign_id = @campaign;
            DELETE FROM campaigns.audience_freezes WHERE tenant_id = @tenant AND campaign_id = @campaign
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("campaign", campaignId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The users the campaign's uplift audience picked, in user id order.</summary>
    public async Task<IReadOnlyList<string>> PicksAsync(string tenantId, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT user_id FROM campaigns.audience_picks WHERE tenant_id = @tenant AND campaign_id = @campaign ORDER BY user_id");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("campaign", campaignId);
        var users = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(reader.GetString(0));
        }

        return users;
    }

    /// <summary>For each of the users, the campaigns whose uplift audience picked them (users picked by none are left out).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> PickedForAsync(string tenantId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT user_id, campaign_id FROM campaigns.audience_picks WHERE tenant_id = @tenant AND user_id = ANY(@users)");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.Add(new NpgsqlParameter("users", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = userIds.ToArray() });
        var picked = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var user = reader.GetString(0);
            if (!picked.TryGetValue(user, out var campaigns))
            {
                picked[user] = campaigns = new HashSet<string>(StringComparer.Ordinal);
            }

            campaigns.Add(reader.GetString(1));
        }

        return picked.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value, StringComparer.Ordinal);
    }
}
