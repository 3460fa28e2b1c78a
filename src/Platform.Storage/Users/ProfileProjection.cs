using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Domain.Campaigns;
using Platform.Storage.Database;

namespace Platform.Storage.Users;

/// <summary>
/// Writes users.profiles in batches (one statement per batch); a row only moves forward in the log, and a
/// row computed before the user was erased (<see cref="ErasureStore"/>) is dropped.
/// </summary>
public sealed class ProfileProjection(NpgsqlDataSource dataSource)
{
    private static readonly string UpsertSql = $"""
        INSERT INTO users.profiles AS p (tenant_id, user_id, first_seen_at, last_seen_at, recency_days, frequency_90, monetary_90,
            rfm_r, rfm_f, rfm_m, rfm_segment, purchases, revenue, discount_sensitivity, top_categories, top_brands, interest_tags,
            counters, features, applied_seq, as_of)
        SELECT s.tenant_id, s.user_id, s.first_seen_at, s.last_seen_at, s.recency_days, s.frequency_90, s.monetary_90,
            s.rfm_r, s.rfm_f, s.rfm_m, s.rfm_segment, s.purchases, s.revenue, s.discount_sensitivity,
            ARRAY(SELECT jsonb_array_elements_text(s.top_categories::jsonb)), ARRAY(SELECT jsonb_array_elements_text(s.top_brands::jsonb)),
            ARRAY(SELECT jsonb_array_elements_text(s.interest_tags::jsonb)), s.counters::jsonb, s.features::json, s.applied_seq, s.as_of
        FROM unnest(@tenant_id, @user_id, @first_seen_at, @last_seen_at, @recency_days, @frequency_90, @monetary_90, @rfm_r, @rfm_f, @rfm_m,
                    @rfm_segment, @purchases, @revenue, @discount_sensitivity, @top_categories, @top_brands, @interest_tags, @counters,
                    @features, @applied_seq, @as_of)
             AS s(tenant_id, user_id, first_seen_at, last_seen_at, recency_days, frequency_90, monetary_90, rfm_r, rfm_f, rfm_m,
                  rfm_segment, purchases, revenue, discount_sensitivity, top_categories, top_brands, interest_tags, counters, features, applied_seq, as_of)
        WHERE NOT {ErasureStore.ErasedSince("s.tenant_id", "s.user_id", "s.as_of")}
        ON CONFLICT (tenant_id, user_id) DO UPDATE SET
            first_seen_at = EXCLUDED.first_seen_at, last_seen_at = EXCLUDED.last_seen_at, recency_days = EXCLUDED.recency_days,
            frequency_90 = EXCLUDED.frequency_90, monetary_90 = EXCLUDED.monetary_90, rfm_r = EXCLUDED.rfm_r, rfm_f = EXCLUDED.rfm_f,
            rfm_m = EXCLUDED.rfm_m, rfm_segment = EXCLUDED.rfm_segment, purchases = EXCLUDED.purchases, revenue = EXCLUDED.revenue,
            discount_sensitivity = EXCLUDED.discount_sensitivity, top_categories = EXCLUDED.top_categories, top_brands = EXCLUDED.top_brands,
            interest_tags = EXCLUDED.interest_tags, counters = EXCLUDED.counters, features = EXCLUDED.features, applied_seq = EXCLUDED.applied_seq, as_of = EXCLUDED.as_of
        WHERE p.applied_seq < EXCLUDED.applied_seq OR (p.applied_seq = EXCLUDED.applied_seq AND p.as_of < EXCLUDED.as_of)
        """;

    /// <summary>
    /// Upserts rows; for a user given twice the last row wins; an older row never replaces a newer one. Rows are written
    /// in key order: the grains' batches and an import's fold write the same users at once, and two statements locking
    /// the same rows in different orders deadlock.
    /// </summary>
    public async Task UpsertAsync(IReadOnlyList<ProfileRow> rows, CancellationToken cancellationToken = default)
    {
        var batch = rows.GroupBy(r => (r.TenantId, r.UserId)).Select(g => g.Last())
            .OrderBy(r => r.TenantId, StringComparer.Ordinal).ThenBy(r => r.UserId, StringComparer.Ordinal).ToList();
        if (batch.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(UpsertSql);
        command.AddArray("tenant_id", NpgsqlDbType.Text, batch.Select(r => r.TenantId).ToArray());
        command.AddArray("user_id", NpgsqlDbType.Text, batch.Select(r => r.UserId).ToArray());
        command.AddArray("first_seen_at", NpgsqlDbType.TimestampTz, batch.Select(r => r.View.FirstSeenAt?.ToUniversalTime()).ToArray());
        command.AddArray("last_seen_at", NpgsqlDbType.TimestampTz, batch.Select(r => r.View.LastSeenAt?.ToUniversalTime()).ToArray());
        command.AddArray("recency_days", NpgsqlDbType.Integer, batch.Select(r => r.View.Rfm.RecencyDays).ToArray());
        command.AddArray("frequency_90", NpgsqlDbType.Integer, batch.Select(r => r.View.Rfm.Frequency90).ToArray());
        command.AddArray("monetary_90", NpgsqlDbType.Numeric, batch.Select(r => r.View.Rfm.Monetary90).ToArray());
        command.AddArray("rfm_r", NpgsqlDbType.Smallint, batch.Select(r => (short)r.View.Rfm.R).ToArray());
        command.AddArray("rfm_f", NpgsqlDbType.Smallint, batch.Select(r => (short)r.View.Rfm.F).ToArray());
        command.AddArray("rfm_m", NpgsqlDbType.Smallint, batch.Select(r => (short)r.View.Rfm.M).ToArray());
        command.AddArray("rfm_segment", NpgsqlDbType.Text, batch.Select(r => r.View.Rfm.Segment).ToArray());
        command.AddArray("purchases", NpgsqlDbType.Bigint, batch.Select(r => r.View.Purchases).ToArray());
        command.AddArray("revenue", NpgsqlDbType.Numeric, batch.Select(r => r.View.Revenue).ToArray());
        command.AddArray("discount_sensitivity", NpgsqlDbType.Double, batch.Select(r => r.View.DiscountSensitivity).ToArray());
        command.AddArray("top_categories", NpgsqlDbType.Text, batch.Select(r => Json(r.View.CategoryAffinities.Take(ProfileRow.TopKeys).Select(a => a.Key))).ToArray());
        command.AddArray("top_brands", NpgsqlDbType.Text, batch.Select(r => Json(r.View.BrandAffinities.Take(ProfileRow.TopKeys).Select(a => a.Key))).ToArray());
        command.AddArray("interest_tags", NpgsqlDbType.Text, batch.Select(r => Json(r.View.InterestTags)).ToArray());
        command.AddArray("counters", NpgsqlDbType.Text, batch.Select(r => JsonSerializer.Serialize(r.Counters)).ToArray());
        command.AddArray("features", NpgsqlDbType.Text, batch.Select(r => JsonSerializer.Serialize(EnrollmentFeatures.Of(r.View, r.AsOf))).ToArray());
        command.AddArray("applied_seq", NpgsqlDbType.Bigint, batch.Select(r => r.View.AppliedSeq).ToArray());
        command.AddArray("as_of", NpgsqlDbType.TimestampTz, batch.Select(r => r.AsOf.ToUniversalTime()).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Json(IEnumerable<string> values) => JsonSerializer.Serialize(values);
}
