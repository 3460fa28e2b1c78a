using System.Text.Json;
using Npgsql;
using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;

namespace Platform.Storage.Campaigns;

/// <summary>A campaign's launch forecast: the version that made it, the forecast, its drivers, and when.</summary>
public sealed record StoredForecast(Guid VersionId, CampaignForecast Forecast, IReadOnlyList<string> Drivers, DateTimeOffset CreatedAt);

/// <summary>campaigns.forecasts: the forecast each campaign was launched with; scoped by tenant.</summary>
public sealed class CampaignForecastStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Keeps the campaign's launch forecast: a campaign launches once, so a second one is ignored, unless
    /// <paramref name="replace"/> (a SCHEDULED campaign's design changed: its forecast is made again). With
    /// <paramref name="ofDesign"/>, only while the campaign's stored design is still that one: a forecast made in the
    /// background while the design changed is not kept (the change makes its own).
    /// </summary>
    public async Task SaveAsync(
        string tenantId, string campaignId, StoredForecast forecast, bool replace = false, CampaignDesign? ofDesign = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO campaigns.forecasts (tenant_id, campaign_id, version_id, forecast, drivers, created_at)
            SELECT @tenant, @campaign, @version, @forecast::jsonb, @drivers::jsonb, @at
            WHERE @design::jsonb IS NULL OR EXISTS (
                SELECT 1 FROM campaigns.campaigns WHERE tenant_id = @tenant AND campaign_id = @campaign AND design = @design::jsonb)
            ON CONFLICT (tenant_id, campaign_id) DO {(replace
                ? "UPDATE SET version_id = EXCLUDED.version_id, forecast = EXCLUDED.forecast, drivers = EXCLUDED.drivers, created_at = EXCLUDED.created_at, alerted_since = NULL"
                : "NOTHING")}
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("campaign", campaignId);
        command.Parameters.AddWithValue("version", forecast.VersionId);
        command.Parameters.AddWithValue("forecast", JsonSerializer.Serialize(forecast.Forecast, CampaignStore.Json));
        command.Parameters.AddWithValue("drivers", JsonSerializer.Serialize(forecast.Drivers, CampaignStore.Json));
        command.Parameters.AddWithValue("at", forecast.CreatedAt.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter("design", NpgsqlTypes.NpgsqlDbType.Text) { Value = ofDesign is null ? DBNull.Value : JsonSerializer.Serialize(ofDesign, CampaignStore.Json) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records that the run of hours outside the forecast starting at <paramref name="since"/> is announced; true for the
    /// first caller only, so an alert goes out once whichever node or activation finds it. When the run may have begun
    /// before the hours read (<paramref name="startsBeforeWindow"/>), an earlier announced start is the same run.
    /// </summary>
    public async Task<bool> MarkAlertedAsync(string tenantId, string campaignId, DateTimeOffset since, bool startsBeforeWindow, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE campaigns.forecasts SET alerted_since = @since
            WHERE tenant_id = @tenant AND campaign_id = @campaign
              AND (alerted_since IS NULL OR (alerted_since <> @since AND NOT (@before_window AND alerted_since < @since)))
            """);
        command.Parameters.AddWithValue("before_window", startsBeforeWindow);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("campaign", campaignId);
        command.Parameters.AddWithValue("since", since.ToUniversalTime());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The ended campaigns with a holdout whose launch forecast the version made, latest ended first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<(string CampaignId, StoredForecast Forecast)>> EndedByVersionAsync(
        string tenantId, Guid versionId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT f.campaign_id, f.forecast, f.drivers, f.created_at
            FROM campaigns.forecasts f
            JOIN campaigns.campaigns c ON c.tenant_id = f.tenant_id AND c.campaign_id = f.campaign_id
            WHERE f.tenant_id = @tenant AND f.version_id = @version AND c.status = 'ENDED' AND c.holdout_share > 0
            ORDER BY c.ended_at DESC NULLS LAST, f.campaign_id
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("version", versionId);
        command.Parameters.AddWithValue("limit", limit);
        var found = new List<(string, StoredForecast)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((reader.GetString(0), new StoredForecast(
                versionId,
                JsonSerializer.Deserialize<CampaignForecast>(reader.GetString(1), CampaignStore.Json)!,
                JsonSerializer.Deserialize<List<string>>(reader.GetString(2), CampaignStore.Json)!,
                reader.GetFieldValue<DateTimeOffset>(3))));
        }

        return found;
    }

    /// <summary>Forgets the campaign's launch forecast (its design changed before it started; a new one follows).</summary>
    public async Task DeleteAsync(string tenantId, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM campaigns.forecasts WHERE tenant_id = @tenant AND campaign_id = @campaign");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("campaign", campaignId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredForecast?> FindAsync(string tenantId, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT version_id, forecast, drivers, created_at FROM campaigns.forecasts WHERE tenant_id = @tenant AND campaign_id = @campaign");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("campaign", campaignId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredForecast(
                reader.GetGuid(0),
                JsonSerializer.Deserialize<CampaignForecast>(reader.GetString(1), CampaignStore.Json)!,
                JsonSerializer.Deserialize<List<string>>(reader.GetString(2), CampaignStore.Json)!,
                reader.GetFieldValue<DateTimeOffset>(3))
            : null;
    }
}
