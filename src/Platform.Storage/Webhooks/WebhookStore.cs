using Platform.Domain;
using Npgsql;
using NpgsqlTypes;
using Platform.Domain.Campaigns;
using Platform.Domain.Webhooks;
using Platform.Storage.Database;

namespace Platform.Storage.Webhooks;

/// <summary>campaigns.webhooks and campaigns.webhook_deliveries; every statement is scoped by tenant.</summary>
public sealed class WebhookStore(NpgsqlDataSource dataSource)
{
    public const int MaxPerTenant = 50;
    private const string WebhookColumns = "id, url, events, campaign_ids, status, consecutive_failures, created_at, disabled_at, disabled_reason";
    private const string DeliveryColumns = "id, webhook_id, event, payload, status, attempts, last_status_code, last_error, created_at, last_attempt_at, next_attempt_at, delivered_at";

    // What disabling a webhook does to its pending deliveries (by hand or after repeated failures): they are given up.
    private const string GiveUpDeliveries =
        "UPDATE campaigns.webhook_deliveries d SET status = 'FAILED', last_error = COALESCE(d.last_error, 'the webhook was disabled'), next_attempt_at = NULL";

    /// <summary>Registers a webhook; null when the tenant has <see cref="MaxPerTenant"/> already.</summary>
    public async Task<Webhook?> CreateAsync(string tenantId, string url, IReadOnlyList<WebhookEvent> events, IReadOnlyList<string>? campaignIds, string secret, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO campaigns.webhooks (id, tenant_id, url, events, campaign_ids, secret, status)
            SELECT @id, @tenant, @url, @events, @campaigns, @secret, 'ACTIVE'
            WHERE (SELECT count(*) FROM campaigns.webhooks WHERE tenant_id = @tenant) < {MaxPerTenant}
            RETURNING {WebhookColumns}
            """);
        command.Parameters.AddWithValue("id", Guid.NewGuid());
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("url", url);
        command.AddArray("events", NpgsqlDbType.Text, events.Select(WireNames.ToWire).ToArray());
        command.Parameters.Add(new NpgsqlParameter("campaigns", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)campaignIds?.ToArray() ?? DBNull.Value });
        command.Parameters.AddWithValue("secret", secret);
        return (await ReadWebhooksAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<Webhook>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {WebhookColumns} FROM campaigns.webhooks WHERE tenant_id = @tenant ORDER BY created_at");
        command.Parameters.AddWithValue("tenant", tenantId);
        return await ReadWebhooksAsync(command, cancellationToken);
    }

    /// <summary>Sets a webhook active again (its failure count restarts) or removes it; false when the tenant has no such webhook.</summary>
    public async Task<bool> EnableAsync(string tenantId, Guid id, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE campaigns.webhooks SET status = 'ACTIVE', consecutive_failures = 0, disabled_at = NULL, disabled_reason = NULL WHERE tenant_id = @tenant AND id = @id", tenantId, id, cancellationToken) == 1;

    /// <summary>
    /// Turns a webhook off by hand and gives up its pending deliveries, as the platform does after repeated failures; one
    /// already disabled keeps its reason. False when the tenant has no such webhook.
    /// </summary>
    public async Task<bool> DisableAsync(string tenantId, Guid id, string reason, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH hook AS (
                UPDATE campaigns.webhooks SET
                    disabled_at = CASE WHEN status = 'ACTIVE' THEN now() ELSE disabled_at END,
                    disabled_reason = CASE WHEN status = 'ACTIVE' THEN @reason ELSE disabled_reason END,
                    status = 'DISABLED'
                WHERE tenant_id = @tenant AND id = @id
                RETURNING id),
            abandoned AS (
                {GiveUpDeliveries}
                FROM hook WHERE d.webhook_id = hook.id AND d.status = 'PENDING'
                RETURNING d.id)
            SELECT count(*) FROM hook
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("reason", reason);
        return await command.ExecuteScalarAsync(cancellationToken) is 1L;
    }

    public async Task<bool> DeleteAsync(string tenantId, Guid id, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("DELETE FROM campaigns.webhooks WHERE tenant_id = @tenant AND id = @id", tenantId, id, cancellationToken) == 1;

    /// <summary>Creates a pending delivery of the payload to every active webhook of the tenant that wants this event for this campaign; returns their ids.</summary>
    public async Task<IReadOnlyList<Guid>> QueueAsync(string tenantId, WebhookEvent webhookEvent, string campaignId, string payload, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO campaigns.webhook_deliveries (id, webhook_id, tenant_id, event, payload, status)
            SELECT gen_random_uuid(), w.id, w.tenant_id, @event, @payload::jsonb, 'PENDING'
            FROM campaigns.webhooks w
            WHERE w.tenant_id = @tenant AND w.status = 'ACTIVE' AND @event = ANY (w.events) AND (w.campaign_ids IS NULL OR @campaign = ANY (w.campaign_ids))
            RETURNING id
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("event", WireNames.ToWire(webhookEvent));
        command.Parameters.AddWithValue("campaign", campaignId);
        command.Parameters.AddWithValue("payload", payload);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>A pending delivery with its target, or null when it is no longer pending.</summary>
    public async Task<(WebhookDelivery Delivery, WebhookTarget Target)?> PendingAsync(Guid deliveryId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {string.Join(", ", DeliveryColumns.Split(", ").Select(c => "d." + c))}, w.tenant_id, w.url, w.secret, w.status = 'ACTIVE'
            FROM campaigns.webhook_deliveries d JOIN campaigns.webhooks w ON w.id = d.webhook_id
            WHERE d.id = @id AND d.status = 'PENDING'
            """);
        command.Parameters.AddWithValue("id", deliveryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var delivery = ReadDelivery(reader);
        return (delivery, new WebhookTarget(delivery.WebhookId, reader.GetString(12), reader.GetString(13), reader.GetString(14), reader.GetBoolean(15)));
    }

    /// <summary>
    /// Records an attempt: success ends the delivery and clears the webhook's failure count; a failure schedules
    /// the next attempt, or fails the delivery for good when there is none. A webhook whose deliveries fail for good
    /// <paramref name="disableAfter"/> times in a row is disabled, and its other pending deliveries are given up.
    /// Returns whether the webhook is now disabled.
    /// </summary>
    public async Task<bool> RecordAttemptAsync(
        Guid deliveryId, bool succeeded, int? statusCode, string? error, DateTimeOffset? nextAttemptAt, int disableAfter, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH attempt AS (
                UPDATE campaigns.webhook_deliveries SET
                    attempts = attempts + 1, last_status_code = @code, last_error = @error, last_attempt_at = now(),
                    status = CASE WHEN @ok THEN 'SUCCEEDED' WHEN @next::timestamptz IS NULL THEN 'FAILED' ELSE 'PENDING' END,
                    next_attempt_at = CASE WHEN @ok THEN NULL ELSE @next END,
                    delivered_at = CASE WHEN @ok THEN now() END
                WHERE id = @id AND status = 'PENDING'
                RETURNING webhook_id, status = 'FAILED' AS failed),
            hook AS (
                UPDATE campaigns.webhooks w SET
                    consecutive_failures = CASE WHEN @ok THEN 0 WHEN attempt.failed THEN w.consecutive_failures + 1 ELSE w.consecutive_failures END,
                    status = CASE WHEN attempt.failed AND w.consecutive_failures + 1 >= @disable_after THEN 'DISABLED' ELSE w.status END,
                    disabled_at = CASE WHEN attempt.failed AND w.consecutive_failures + 1 >= @disable_after AND w.status = 'ACTIVE' THEN now() ELSE w.disabled_at END,
                    disabled_reason = CASE WHEN attempt.failed AND w.consecutive_failures + 1 >= @disable_after AND w.status = 'ACTIVE'
                                           THEN (w.consecutive_failures + 1) || ' deliveries failed in a row; last: ' || COALESCE(@error, 'HTTP ' || @code) ELSE w.disabled_reason END
                FROM attempt WHERE w.id = attempt.webhook_id
                RETURNING w.id, w.status = 'DISABLED' AS disabled),
            abandoned AS (
                {GiveUpDeliveries}
                FROM hook WHERE hook.disabled AND d.webhook_id = hook.id AND d.status = 'PENDING' AND d.id <> @id
                RETURNING d.id)
            SELECT disabled FROM hook
            """);
        command.Parameters.AddWithValue("id", deliveryId);
        command.Parameters.AddWithValue("ok", succeeded);
        command.Parameters.Add(new NpgsqlParameter("code", NpgsqlDbType.Integer) { Value = (object?)statusCode ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)error ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("next", NpgsqlDbType.TimestampTz) { Value = (object?)nextAttemptAt?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.AddWithValue("disable_after", disableAfter);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>
    /// Pending deliveries whose attempt is overdue by more than <paramref name="grace"/>: queued but never run (the
    /// node died between the row and the job), or whose retry job was lost. Oldest first, at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> OverdueAsync(TimeSpan grace, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id FROM campaigns.webhook_deliveries
            WHERE status = 'PENDING' AND COALESCE(next_attempt_at, created_at) < now() - @grace
            ORDER BY COALESCE(next_attempt_at, created_at) LIMIT @limit
            """);
        command.Parameters.AddWithValue("grace", grace);
        command.Parameters.AddWithValue("limit", limit);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>Fails a pending delivery without an attempt (its webhook was disabled or removed meanwhile).</summary>
    public async Task AbandonAsync(Guid deliveryId, string reason, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE campaigns.webhook_deliveries SET status = 'FAILED', last_error = @reason, next_attempt_at = NULL WHERE id = @id AND status = 'PENDING'");
        command.Parameters.AddWithValue("id", deliveryId);
        command.Parameters.AddWithValue("reason", reason);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A webhook's deliveries, newest first; <paramref name="after"/> is the (created at, id) of the last one already read.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(
        string tenantId, Guid webhookId, int limit, (DateTimeOffset CreatedAt, Guid Id)? after, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {DeliveryColumns} FROM campaigns.webhook_deliveries
            WHERE tenant_id = @tenant AND webhook_id = @id AND (@after_at::timestamptz IS NULL OR (created_at, id) < (@after_at, @after_id))
            ORDER BY created_at DESC, id DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", webhookId);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("after_at", after?.CreatedAt));
        command.Parameters.AddWithValue("after_id", after?.Id ?? Guid.Empty);
        var deliveries = new List<WebhookDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            deliveries.Add(ReadDelivery(reader));
        }

        return deliveries;
    }

    private async Task<int> ExecuteAsync(string sql, string tenantId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<Webhook>> ReadWebhooksAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var webhooks = new List<Webhook>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            webhooks.Add(new Webhook(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetFieldValue<string[]>(2).Select(Event).ToList(),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<string[]>(3),
                reader.GetString(4) == "ACTIVE",
                reader.GetInt32(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return webhooks;
    }

    private static WebhookDelivery ReadDelivery(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        Event(reader.GetString(2)),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetInt32(5),
        reader.IsDBNull(6) ? null : reader.GetInt32(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.GetFieldValue<DateTimeOffset>(8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
        reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
        reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11));

    private static WebhookEvent Event(string wire) => WireNames.TryParse<WebhookEvent>(wire, out var value) ? value : throw new InvalidOperationException($"Unknown webhook event {wire}");
}
