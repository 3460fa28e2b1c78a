using Platform.Domain;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Platform.Domain.Campaigns;
using Platform.Storage.Database;

namespace Platform.Storage.Campaigns;

/// <summary>
/// campaigns.campaigns: the design as JSON plus the columns SQL needs (type, value, channel, status, holdout,
/// times). Writes check <see cref="Campaign.Version"/>, so two writers cannot both win. Scoped by tenant.
/// </summary>
public sealed class CampaignStore(NpgsqlDataSource dataSource)
{
    public const string DesignedSource = "designed";
    public const string ImportSourcePrefix = "import:";
    public const int LateEventDays = 30;
    public const int MaxCounting = 10_000;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private const string Insert = """
        INSERT INTO campaigns.campaigns (tenant_id, campaign_id, name, type, value, channel, status, holdout_share, starts_at, ends_at, source,
                                         design, created_at, updated_at, launched_at, ended_at, pause_reason, version)
        VALUES (@tenant, @id, @name, @type, @value, @channel, @status, @holdout, @starts, @ends, @source,
                @design::jsonb, @created, @updated, @launched, @ended, @pause, 1)
        """;

    private const string Columns = "campaign_id, design, status, source, created_at, updated_at, launched_at, ended_at, pause_reason, version";

    public async Task<Campaign?> GetAsync(string tenantId, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM campaigns.campaigns WHERE tenant_id = @tenant AND campaign_id = @id");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", campaignId);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The tenant's campaigns with these ids (those that exist).</summary>
    public async Task<IReadOnlyList<Campaign>> GetManyAsync(string tenantId, IReadOnlyList<string> campaignIds, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM campaigns.campaigns WHERE tenant_id = @tenant AND campaign_id = ANY (@ids)");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.AddArray("ids", NpgsqlDbType.Text, campaignIds.ToArray());
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Newest first; <paramref name="after"/> is the last campaign of the previous page.</summary>
    public async Task<IReadOnlyList<Campaign>> ListAsync(
        string tenantId, CampaignStatus? status, int first, (DateTimeOffset CreatedAt, string Id)? after, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM campaigns.campaigns
            WHERE tenant_id = @tenant AND (@status::text IS NULL OR status = @status)
              AND (@after_at::timestamptz IS NULL OR (created_at, campaign_id) < (@after_at, @after_id))
            ORDER BY created_at DESC, campaign_id DESC
            LIMIT @first
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = status is { } s ? WireNames.ToWire(s) : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("after_at", NpgsqlDbType.TimestampTz) { Value = after is { } a ? a.CreatedAt.ToUniversalTime() : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("after_id", NpgsqlDbType.Text) { Value = (object?)after?.Id ?? DBNull.Value });
        command.Parameters.AddWithValue("first", first);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>
    /// The campaigns events can still count for: designed, launched, and not ended more than
    /// <see cref="LateEventDays"/> days ago (late events of their run still count).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Campaign>> ListCountingAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM campaigns.campaigns
            WHERE tenant_id = @tenant AND source = '{DesignedSource}' AND launched_at IS NOT NULL
              AND (ended_at IS NULL OR ended_at > now() - make_interval(days => {LateEventDays}))
            ORDER BY launched_at DESC
            LIMIT {MaxCounting}
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        return (await ReadAsync(command, cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>Stores a new campaign; returns it at version 1, or null when the id is taken.</summary>
    public async Task<Campaign?> InsertAsync(string tenantId, Campaign campaign, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            {Insert}
            ON CONFLICT (tenant_id, campaign_id) DO NOTHING
            """);
        Bind(command.Parameters, tenantId, campaign, DesignedSource);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? campaign with { Version = 1 } : null;
    }

    /// <summary>Replaces the stored campaign if it is still at <see cref="Campaign.Version"/>; returns the new version, or null on a conflict.</summary>
    public async Task<Campaign?> UpdateAsync(string tenantId, Campaign campaign, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE campaigns.campaigns SET
                name = @name, type = @type, value = @value, channel = @channel, status = @status, holdout_share = @holdout,
                starts_at = @starts, ends_at = @ends, design = @design::jsonb, updated_at = @updated, launched_at = @launched,
                ended_at = @ended, pause_reason = @pause, version = version + 1
            WHERE tenant_id = @tenant AND campaign_id = @id AND version = @version
            """);
        Bind(command.Parameters, tenantId, campaign, DesignedSource);
        command.Parameters.AddWithValue("version", campaign.Version);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? campaign with { Version = campaign.Version + 1 } : null;
    }

    /// <summary>Past experiments: creates their campaigns, or refreshes them when the same experiment is imported again (never a designed campaign with the same id).</summary>
    public async Task UpsertImportedAsync(string tenantId, Guid importId, IReadOnlyList<Campaign> campaigns, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var campaign in campaigns)
        {
            var command = new NpgsqlBatchCommand($"""
                {Insert}
                ON CONFLICT (tenant_id, campaign_id) DO UPDATE SET
                    name = EXCLUDED.name, type = EXCLUDED.type, value = EXCLUDED.value, channel = EXCLUDED.channel, status = EXCLUDED.status,
                    holdout_share = EXCLUDED.holdout_share, starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, source = EXCLUDED.source,
                    design = EXCLUDED.design, updated_at = EXCLUDED.updated_at, ended_at = EXCLUDED.ended_at, version = campaigns.version + 1
                WHERE campaigns.source LIKE '{ImportSourcePrefix}%'
                """);
            Bind(command.Parameters, tenantId, campaign, ImportSourcePrefix + importId);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Bind(NpgsqlParameterCollection parameters, string tenantId, Campaign campaign, string source)
    {
        var design = campaign.Design;
        parameters.AddWithValue("tenant", tenantId);
        parameters.AddWithValue("id", campaign.Id);
        parameters.AddWithValue("name", design.Name);
        parameters.AddWithValue("type", WireNames.ToWire(design.Type));
        parameters.Add(Nullable("value", NpgsqlDbType.Numeric, design.Value));
        parameters.Add(Nullable("channel", NpgsqlDbType.Text, design.Channel is { } channel ? WireNames.ToWire(channel) : null));
        parameters.AddWithValue("status", WireNames.ToWire(campaign.Status));
        parameters.AddWithValue("holdout", design.HoldoutShare);
        parameters.AddWithValue("starts", design.StartsAt.ToUniversalTime());
        parameters.AddWithValue("ends", design.EndsAt.ToUniversalTime());
        parameters.AddWithValue("source", source);
        parameters.AddWithValue("design", JsonSerializer.Serialize(design, Json));
        parameters.AddWithValue("created", campaign.CreatedAt.ToUniversalTime());
        parameters.AddWithValue("updated", campaign.UpdatedAt.ToUniversalTime());
        parameters.Add(Nullable("launched", NpgsqlDbType.TimestampTz, campaign.LaunchedAt?.ToUniversalTime()));
        parameters.Add(Nullable("ended", NpgsqlDbType.TimestampTz, campaign.EndedAt?.ToUniversalTime()));
        parameters.Add(Nullable("pause", NpgsqlDbType.Text, campaign.PauseReason is { } reason ? WireNames.ToWire(reason) : null));
    }

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) => new(name, type) { Value = value ?? DBNull.Value };

    private static async Task<List<Campaign>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var campaigns = new List<Campaign>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            WireNames.TryParse<CampaignStatus>(reader.GetString(2), out var status);
            PauseReason? pause = !reader.IsDBNull(8) && WireNames.TryParse<PauseReason>(reader.GetString(8), out var reason) ? reason : null;
            campaigns.Add(new Campaign(
                reader.GetString(0),
                JsonSerializer.Deserialize<CampaignDesign>(reader.GetString(1), Json)!,
                status,
                reader.GetString(3).StartsWith(ImportSourcePrefix, StringComparison.Ordinal) ? CampaignSource.Imported : CampaignSource.Designed,
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                pause,
                reader.GetInt64(9)));
        }

        return campaigns;
    }
}
