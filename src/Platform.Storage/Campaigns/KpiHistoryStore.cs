using System.Text.Json;
using Npgsql;
using Platform.Domain.Campaigns;

namespace Platform.Storage.Campaigns;

/// <summary>One point of a campaign's KPI history: the KPIs as they stood at the end of the hour starting at <see cref="Hour"/>.</summary>
public sealed record KpiHistoryPoint(DateTimeOffset At, CampaignKpis Kpis);

/// <summary>campaigns.kpi_hourly: the last KPIs of each hour, per campaign; scoped by tenant.</summary>
public sealed class KpiHistoryStore(NpgsqlDataSource dataSource)
{
    public const int MaxPoints = 24 * 90;

    public async Task RecordAsync(string tenantId, string campaignId, DateTimeOffset at, CampaignKpis kpis, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO campaigns.kpi_hourly (tenant_id, campaign_id, hour, kpis, updated_at)
            VALUES (@tenant, @campaign, date_trunc('hour', @at, 'UTC'), @kpis::jsonb, @at)
            ON CONFLICT (tenant_id, campaign_id, hour) DO UPDATE SET kpis = EXCLUDED.kpis, updated_at = EXCLUDED.updated_at
            WHERE kpi_hourly.updated_at <= EXCLUDED.updated_at
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("campaign", campaignId);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        command.Parameters.AddWithValue("kpis", JsonSerializer.Serialize(kpis, CampaignStore.Json));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The hours from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) that had updates, oldest first.</summary>
    public async Task<IReadOnlyList<KpiHistoryPoint>> ReadAsync(string tenantId, string campaignId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT hour, kpis FROM campaigns.kpi_hourly
            WHERE tenant_id = @tenant AND campaign_id = @campaign AND hour >= date_trunc('hour', @from, 'UTC') AND hour < @to
            ORDER BY hour LIMIT {MaxPoints}
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("campaign", campaignId);
        command.Parameters.AddWithValue("from", from.ToUniversalTime());
        command.Parameters.AddWithValue("to", to.ToUniversalTime());
        var points = new List<KpiHistoryPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new KpiHistoryPoint(reader.GetFieldValue<DateTimeOffset>(0), JsonSerializer.Deserialize<CampaignKpis>(reader.GetString(1), CampaignStore.Json)!));
        }

        return points;
    }
}
