using Npgsql;

namespace Platform.Storage.Campaigns;

/// <summary>campaigns.charges: each budgeted redemption and whether its campaign counted it. Scoped by tenant.</summary>
public sealed class CampaignChargeStore(NpgsqlDataSource dataSource)
{
    public async Task<decimal> SpentAsync(string tenantId, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT COALESCE(sum(amount), 0) FROM campaigns.charges WHERE tenant_id = @tenant AND campaign_id = @campaign AND counted");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("campaign", campaignId);
        return (decimal)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Stores the decision for a redemption, unless one is stored already; returns the stored decision and whether it is the new one.</summary>
    public async Task<(bool Counted, bool New)> RecordAsync(string tenantId, string campaignId, string eventId, decimal amount, bool counted, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH stored AS (
                SELECT counted FROM campaigns.charges WHERE tenant_id = @tenant AND campaign_id = @campaign AND event_id = @event),
            added AS (
                INSERT INTO campaigns.charges (tenant_id, campaign_id, event_id, amount, counted)
                SELECT @tenant, @campaign, @event, @amount, @counted WHERE NOT EXISTS (SELECT 1 FROM stored)
                RETURNING counted)
            SELECT counted, false FROM stored UNION ALL SELECT counted, true FROM added
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("campaign", campaignId);
        command.Parameters.AddWithValue("event", eventId);
        command.Parameters.AddWithValue("amount", amount);
        command.Parameters.AddWithValue("counted", counted);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetBoolean(0), reader.GetBoolean(1));
    }
}
