using Npgsql;
using NpgsqlTypes;
using Platform.Storage.Campaigns;
using Platform.Storage.Database;

namespace Platform.Storage.Experiments;

/// <summary>campaigns.outcomes as past experiments fill them; every statement is scoped by tenant.</summary>
public sealed class ExperimentStore(NpgsqlDataSource dataSource)
{
    /// <summary>Stores outcome rows; importing the same rows again replaces them (one row per campaign and customer).</summary>
    /// <summary>Upserts the outcome rows; returns the user ids with a row that was created or changed (the import that wrote it aside).</summary>
    public async Task<IReadOnlySet<string>> UpsertOutcomesAsync(string tenantId, IReadOnlyList<OutcomeRow> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return new HashSet<string>();
        }

        await using var command = dataSource.CreateCommand("""
            INSERT INTO campaigns.outcomes AS o (tenant_id, campaign_id, user_id, arm, assigned_at, window_days, participated, conversions, revenue, features, covariates, import_id)
            SELECT @tenant, s.campaign, s.user_id, CASE WHEN s.treated THEN 'TREATMENT' ELSE 'CONTROL' END, s.assigned, s.window_days,
                   s.participated, s.conversions, s.revenue, s.features::jsonb, s.covariates::double precision[], s.import_id
            FROM unnest(@campaign, @user, @treated, @assigned, @window, @participated, @conversions, @revenue, @features, @covariates, @import)
                AS s(campaign, user_id, treated, assigned, window_days, participated, conversions, revenue, features, covariates, import_id)
            ON CONFLICT (tenant_id, campaign_id, user_id) DO UPDATE SET
                arm = EXCLUDED.arm, assigned_at = EXCLUDED.assigned_at, window_days = EXCLUDED.window_days, participated = EXCLUDED.participated,
                conversions = EXCLUDED.conversions, revenue = EXCLUDED.revenue, features = EXCLUDED.features, covariates = EXCLUDED.covariates,
                import_id = EXCLUDED.import_id, updated_at = now()
            WHERE (EXCLUDED.arm, EXCLUDED.assigned_at, EXCLUDED.window_days, EXCLUDED.participated, EXCLUDED.conversions, EXCLUDED.revenue, EXCLUDED.features, EXCLUDED.covariates)
                IS DISTINCT FROM (o.arm, o.assigned_at, o.window_days, o.participated, o.conversions, o.revenue, o.features, o.covariates)
            RETURNING user_id
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.AddArray("campaign", NpgsqlDbType.Text, rows.Select(r => r.CampaignId).ToArray());
        command.AddArray("user", NpgsqlDbType.Text, rows.Select(r => r.UserId).ToArray());
        command.AddArray("treated", NpgsqlDbType.Boolean, rows.Select(r => r.Treated).ToArray());
        command.AddArray("assigned", NpgsqlDbType.TimestampTz, rows.Select(r => r.AssignedAt.ToUniversalTime()).ToArray());
        command.AddArray("window", NpgsqlDbType.Integer, rows.Select(r => r.WindowDays).ToArray());
        command.AddArray("participated", NpgsqlDbType.Boolean, rows.Select(r => r.Participated).ToArray());
        command.AddArray("conversions", NpgsqlDbType.Integer, rows.Select(r => r.Conversions).ToArray());
        command.AddArray("revenue", NpgsqlDbType.Numeric, rows.Select(r => r.Revenue).ToArray());
        command.AddArray("features", NpgsqlDbType.Text, rows.Select(r => r.FeaturesJson).ToArray());
        command.AddArray("covariates", NpgsqlDbType.Text, rows.Select(r => CovariateArray.Literal(r.Covariates)).ToArray());
        command.AddArray("import", NpgsqlDbType.Uuid, rows.Select(r => r.ImportId).ToArray());
        return await command.ReadIdsAsync(cancellationToken);
    }

    /// <summary>
    /// The covariates an imported experiment's outcome rows hold, in order (none: an empty list). When a new import names
    /// other covariates, the rows stored before lose theirs (each row the import writes gets the new ones): no row's values
    /// are read under another column's name.
    /// </summary>
    public async Task SaveCovariateNamesAsync(string tenantId, IReadOnlyList<string> campaignIds, IReadOnlyList<string> names, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE campaigns.outcomes o SET covariates = NULL
            FROM campaigns.covariate_names n
            WHERE n.tenant_id = @tenant AND n.campaign_id = ANY(@campaigns) AND n.names IS DISTINCT FROM @names
              AND o.tenant_id = n.tenant_id AND o.campaign_id = n.campaign_id;
            INSERT INTO campaigns.covariate_names (tenant_id, campaign_id, names) SELECT @tenant, unnest(@campaigns), @names
            ON CONFLICT (tenant_id, campaign_id) DO UPDATE SET names = EXCLUDED.names
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.AddArray("campaigns", NpgsqlDbType.Text, campaignIds.ToArray());
        command.AddArray("names", NpgsqlDbType.Text, names.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ArmStatistics>> ArmStatisticsAsync(string tenantId, IReadOnlyList<string> campaignIds, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT campaign_id, arm = 'TREATMENT', count(*),
                   CASE WHEN count(participated) > 0 THEN count(*) FILTER (WHERE participated) END,
                   CASE WHEN count(conversions) > 0 THEN count(*) FILTER (WHERE conversions > 0) END, sum(conversions), sum(revenue)
            FROM campaigns.outcomes WHERE tenant_id = @tenant AND campaign_id = ANY(@ids)
            GROUP BY campaign_id, arm ORDER BY campaign_id, arm DESC
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.AddArray("ids", NpgsqlDbType.Text, campaignIds.ToArray());
        var statistics = new List<ArmStatistics>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            statistics.Add(new ArmStatistics(
                reader.GetString(0), reader.GetBoolean(1), reader.GetInt64(2), reader.GetFieldValue<long?>(3), reader.GetFieldValue<long?>(4), reader.GetFieldValue<long?>(5), reader.GetFieldValue<decimal?>(6)));
        }

        return statistics;
    }
}
