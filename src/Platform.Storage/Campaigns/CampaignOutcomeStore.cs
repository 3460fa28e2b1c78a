using Platform.Domain;
using System.Text.Json;
using Npgsql;
using Platform.Storage.Users;
using NpgsqlTypes;
using Platform.Domain.Campaigns;
using Platform.Domain.Measurement;
using Platform.Storage.Database;

namespace Platform.Storage.Campaigns;

/// <summary>One enrolled user's outcome row of a live campaign, computed at <see cref="AsOf"/> from the user's log up to <see cref="Seq"/>.</summary>
public sealed record EnrollmentRow(string TenantId, string UserId, CampaignEnrollment Enrollment, long Seq, DateTimeOffset AsOf);

/// <summary>campaigns.outcomes: live campaigns' rows and the per-side sums KPIs are computed from. Scoped by tenant.</summary>
public sealed class CampaignOutcomeStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Writes the rows; a row computed at an older log offset than the stored one is skipped, and so is a row
    /// computed before the user was erased.
    /// </summary>
    public async Task UpsertAsync(IReadOnlyList<EnrollmentRow> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand($"""
            INSERT INTO campaigns.outcomes AS o (tenant_id, campaign_id, user_id, arm, assigned_at, window_days, participated, conversions, revenue, features, covariates,
                exposures, participations, engagement_seconds, redemptions, redemptions_over_budget, discount_cost, orders, gmv, rating_sum, rating_count, holdout_leaks, seq, updated_at)
            SELECT s.tenant, s.campaign, s.user_id, s.arm, s.assigned, s.window_days, s.participated, s.conversions, s.revenue, s.features, s.covariates::double precision[],
                   s.exposures, s.participations, s.engagement, s.redemptions, s.over_budget, s.cost, s.orders, s.gmv, s.rating_sum, s.rating_count, s.leaks, s.seq, now()
            FROM unnest(@tenant, @campaign, @user, @arm, @assigned, @window, @participated, @conversions, @revenue, @features::jsonb[], @covariates,
                        @exposures, @participations, @engagement, @redemptions, @over_budget, @cost, @orders, @gmv, @rating_sum, @rating_count, @leaks, @seq, @as_of)
                AS s(tenant, campaign, user_id, arm, assigned, window_days, participated, conversions, revenue, features, covariates,
                     exposures, participations, engagement, redemptions, over_budget, cost, orders, gmv, rating_sum, rating_count, leaks, seq, as_of)
            WHERE NOT {ErasureStore.ErasedSince("s.tenant", "s.user_id", "s.as_of")}
            ON CONFLICT (tenant_id, campaign_id, user_id) DO UPDATE SET
                arm = EXCLUDED.arm, assigned_at = EXCLUDED.assigned_at, window_days = EXCLUDED.window_days, participated = EXCLUDED.participated,
                conversions = EXCLUDED.conversions, revenue = EXCLUDED.revenue, features = EXCLUDED.features, covariates = EXCLUDED.covariates, exposures = EXCLUDED.exposures,
                participations = EXCLUDED.participations, engagement_seconds = EXCLUDED.engagement_seconds, redemptions = EXCLUDED.redemptions,
                redemptions_over_budget = EXCLUDED.redemptions_over_budget,
                discount_cost = EXCLUDED.discount_cost, orders = EXCLUDED.orders, gmv = EXCLUDED.gmv, rating_sum = EXCLUDED.rating_sum,
                rating_count = EXCLUDED.rating_count, holdout_leaks = EXCLUDED.holdout_leaks, seq = EXCLUDED.seq, updated_at = EXCLUDED.updated_at
            WHERE o.seq IS NULL OR o.seq < EXCLUDED.seq
            """);
        var enrollments = rows.Select(r => r.Enrollment).ToArray();
        command.AddArray("tenant", NpgsqlDbType.Text, rows.Select(r => r.TenantId).ToArray());
        command.AddArray("campaign", NpgsqlDbType.Text, enrollments.Select(x => x.CampaignId).ToArray());
        command.AddArray("user", NpgsqlDbType.Text, rows.Select(r => r.UserId).ToArray());
        command.AddArray("arm", NpgsqlDbType.Text, enrollments.Select(x => WireNames.ToWire(x.Arm)).ToArray());
        command.AddArray("assigned", NpgsqlDbType.TimestampTz, enrollments.Select(x => x.AssignedAt.ToUniversalTime()).ToArray());
        command.AddArray("window", NpgsqlDbType.Integer, enrollments.Select(x => x.WindowDays).ToArray());
        command.AddArray("participated", NpgsqlDbType.Boolean, enrollments.Select(x => x.Participations > 0).ToArray());
        command.AddArray("conversions", NpgsqlDbType.Integer, enrollments.Select(x => x.WindowPurchases).ToArray());
        command.AddArray("revenue", NpgsqlDbType.Numeric, enrollments.Select(x => x.WindowRevenue).ToArray());
        command.AddArray("features", NpgsqlDbType.Text, enrollments.Select(x => JsonSerializer.Serialize(x.Features ?? new Dictionary<string, double>())).ToArray());
        command.AddArray("covariates", NpgsqlDbType.Text, enrollments.Select(x => CovariateArray.Literal(x.Covariates)).ToArray());
        command.AddArray("exposures", NpgsqlDbType.Integer, enrollments.Select(x => x.Exposures).ToArray());
        command.AddArray("participations", NpgsqlDbType.Integer, enrollments.Select(x => x.Participations).ToArray());
        command.AddArray("engagement", NpgsqlDbType.Double, enrollments.Select(x => x.EngagementSeconds).ToArray());
        command.AddArray("redemptions", NpgsqlDbType.Integer, enrollments.Select(x => x.Redemptions).ToArray());
        command.AddArray("over_budget", NpgsqlDbType.Integer, enrollments.Select(x => x.RedemptionsOverBudget).ToArray());
        command.AddArray("cost", NpgsqlDbType.Numeric, enrollments.Select(x => x.DiscountCost).ToArray());
        command.AddArray("orders", NpgsqlDbType.Integer, enrollments.Select(x => x.Orders).ToArray());
        command.AddArray("gmv", NpgsqlDbType.Numeric, enrollments.Select(x => x.Gmv).ToArray());
        command.AddArray("rating_sum", NpgsqlDbType.Numeric, enrollments.Select(x => x.RatingSum).ToArray());
        command.AddArray("rating_count", NpgsqlDbType.Integer, enrollments.Select(x => x.RatingCount).ToArray());
        command.AddArray("leaks", NpgsqlDbType.Integer, enrollments.Select(x => x.HoldoutLeaks).ToArray());
        command.AddArray("seq", NpgsqlDbType.Bigint, rows.Select(r => r.Seq).ToArray());
        command.AddArray("as_of", NpgsqlDbType.TimestampTz, rows.Select(r => r.AsOf.ToUniversalTime()).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The recorded side of each of these users in the campaign; a user without an outcome row is absent.</summary>
    public async Task<IReadOnlyDictionary<string, CampaignArm>> ArmsAsync(string tenantId, string campaignId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT user_id, arm FROM campaigns.outcomes WHERE tenant_id = @tenant AND campaign_id = @campaign AND user_id = ANY(@users)");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("campaign", campaignId);
        command.Parameters.AddWithValue("users", userIds.ToArray());
        var arms = new Dictionary<string, CampaignArm>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            arms[reader.GetString(0)] = reader.GetString(1) == "TREATMENT" ? CampaignArm.Treatment : CampaignArm.Control;
        }

        return arms;
    }

    /// <summary>
    /// The sums of each side of a campaign (live or imported), with the moments of its covariates and outcomes
    /// (<see cref="ArmMoments"/>), and the covariates' names: an imported experiment's stored ones, a live campaign's pre-period.
    /// </summary>
    public async Task<CampaignSides> TotalsAsync(string tenantId, Campaign campaign, CancellationToken cancellationToken = default)
    {
        var names = await CovariateNamesAsync(tenantId, campaign.Id, cancellationToken) ?? (campaign.Source == CampaignSource.Imported ? [] : PrePeriod.Names);
        var z = Enumerable.Range(1, names.Count).Select(i => $"COALESCE(covariates[{i}], 0)")
            .Concat(["(COALESCE(conversions, 0) > 0)::int::double precision", "COALESCE(conversions, 0)::double precision", "COALESCE(revenue, 0)::double precision"])
            .ToList();
        var products = z.SelectMany((a, i) => z.Skip(i).Select(b => $"sum(({a}) * ({b}))"));
        await using var command = dataSource.CreateCommand($"""
            SELECT arm, count(*), count(*) FILTER (WHERE exposures > 0), sum(exposures), count(*) FILTER (WHERE participated),
                   sum(participations), sum(engagement_seconds), sum(redemptions), sum(discount_cost), sum(redemptions_over_budget), count(*) FILTER (WHERE orders > 0),
                   sum(orders), sum(gmv), count(*) FILTER (WHERE conversions > 0), COALESCE(sum(conversions), 0),
                   COALESCE(sum(conversions::double precision ^ 2), 0), COALESCE(sum(revenue), 0), COALESCE(sum(revenue::double precision ^ 2), 0),
                   sum(rating_sum), sum(rating_count), sum(holdout_leaks),
                   ARRAY[{string.Join(", ", z.Select(a => $"sum({a})"))}], ARRAY[{string.Join(", ", products)}]
            FROM campaigns.outcomes WHERE tenant_id = @tenant AND campaign_id = @campaign
            GROUP BY arm
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("campaign", campaign.Id);
        var sides = new Dictionary<string, ArmTotals>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var users = reader.GetInt64(1);
            sides[reader.GetString(0)] = new ArmTotals(
                users, reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetDouble(6),
                reader.GetInt64(7), reader.GetDecimal(8), reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11), reader.GetDecimal(12),
                reader.GetInt64(13), reader.GetInt64(14), reader.GetDouble(15), reader.GetDecimal(16), reader.GetDouble(17), reader.GetDecimal(18),
                reader.GetInt64(19), reader.GetInt64(20), new ArmMoments(users, reader.GetFieldValue<double[]>(21), reader.GetFieldValue<double[]>(22)));
        }

        var none = ArmTotals.Empty with { Moments = ArmMoments.Empty(names.Count) };
        return new CampaignSides(sides.GetValueOrDefault("TREATMENT", none), sides.GetValueOrDefault("CONTROL", none), names);
    }

    private async Task<IReadOnlyList<string>?> CovariateNamesAsync(string tenantId, string campaignId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT names FROM campaigns.covariate_names WHERE tenant_id = @tenant AND campaign_id = @campaign");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("campaign", campaignId);
        return await command.ExecuteScalarAsync(cancellationToken) as string[];
    }
}

/// <summary>Both sides of a campaign and the names of the covariates their moments hold.</summary>
public sealed record CampaignSides(ArmTotals Treatment, ArmTotals Control, IReadOnlyList<string> Covariates)
{
    public CampaignKpis Kpis(CampaignDesign design) => CampaignKpis.From(Treatment, Control, design.Budget, Covariates, design.CostPerContact);
}

/// <summary>Covariate vectors travel to unnest as array literals: a 2-D parameter would be flattened.</summary>
internal static class CovariateArray
{
    public static string? Literal(IReadOnlyList<double>? values) =>
        values is null ? null : "{" + string.Join(",", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "}";
}
