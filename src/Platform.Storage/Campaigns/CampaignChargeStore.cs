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

    /// <summary>
    /// Stores the decision for a redemption, unless one is stored already; returns the stored decision and whether
    /// it is the new one. Safe when two activations of the campaign race (the first decision wins).
    /// </summary>
    public async Task<(bool Counted, bool New)> RecordAsync(string tenantId, string campaignId, string eventId, decimal amount, bool counted, CancellationToken cancellationToken = default)
    {
        await using (var insert = dataSource.CreateCommand("""
            INSERT INTO campaigns.charges (tenant_id, campaign_id, event_id, amount, counted) VALUES (@tenant, @campaign, @event, @amount, @counted)
            ON CONFLICT (tenant_id, campaign_id, event_id) DO NOTHING
            """))
        {
            Bind(insert, tenantId, campaignId, eventId);
            insert.Parameters.AddWithValue("amount", amount);
            insert.Parameters.AddWithValue("counted", counted);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return (counted, true);
            }
        }

        await using var stored = dataSource.CreateCommand("SELECT counted FROM campaigns.charges WHERE tenant_id = @tenant AND campaign_id = @campaign AND event_id = @event");
        Bind(stored, tenantId, campaignId, eventId);
        return ((bool)(await stored.ExecuteScalarAsync(cancellationToken))!, false);
    }

    private static void Bind(NpgsqlCommand command, string tenantId, string campaignId, string eventId)
    {
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("campaign", campaignId);
        command.Parameters.AddWithValue("event", eventId);
    }
}
