using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Platform.Domain.Audiences;
using Platform.Domain.Events;

namespace Platform.Storage.Audiences;

/// <summary>
/// Compiles audiences to SQL over a tenant's users: attributes (users.attributes) joined with the profile
/// projection (users.profiles). Same field names and meaning as <see cref="AudienceEvaluator"/>:
/// a user without events reads as an empty profile. Every value is a parameter.
/// </summary>
public sealed class AudienceSql
{
    /// <summary>The tenant's users: attributes u, profile projection p and scores sc, joined on user_id.</summary>
    public const string From = """
        (SELECT * FROM users.attributes WHERE tenant_id = @tenant) u
        FULL JOIN (SELECT * FROM users.profiles WHERE tenant_id = @tenant) p USING (user_id)
        LEFT JOIN (SELECT * FROM models.user_scores WHERE tenant_id = @tenant) sc USING (user_id)
        """;

    private readonly NpgsqlCommand command;
    private int parameters;

    private AudienceSql(NpgsqlCommand command) => this.command = command;

    /// <summary>A predicate selecting the audience; adds its parameters (and @tenant) to the command.</summary>
    public static string Where(Audience audience, string tenantId, NpgsqlCommand command)
    {
        command.Parameters.AddWithValue("tenant", tenantId);
        var sql = new AudienceSql(command);
        return audience switch
        {
            { Uplift: not null } => throw new InvalidOperationException("An uplift audience is resolved to the users it picks before it reaches SQL."),
            { All: true } => "true",
            { UserIds: { } ids } => $"user_id = ANY({sql.Parameter(ids.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})",
            { Tags: { } tags } => $"COALESCE(u.tags, '{{}}') && {sql.Parameter(tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}",
            { Rule: { } rule } => sql.Rule(rule),
            _ => throw new ArgumentException("An audience needs all, userIds, tags or a rule.", nameof(audience)),
        };
    }

    private string Rule(AudienceRule rule)
    {
        if (rule.All is { } all)
        {
            return all.Count == 0 ? "true" : "(" + string.Join(" AND ", all.Select(Rule)) + ")";
        }

        if (rule.Any is { } any)
        {
            return any.Count == 0 ? "false" : "(" + string.Join(" OR ", any.Select(Rule)) + ")";
        }

        if (rule.Not is { } not)
        {
            return $"NOT COALESCE({Rule(not)}, false)";
        }

        return "COALESCE(" + Condition(rule) + ", false)";
    }

    private string Condition(AudienceRule rule)
    {
        var field = AudienceFields.Find(rule.Field!) ?? throw new ArgumentException($"unknown field {rule.Field}");
        var op = rule.Op!.Value;
        if (field.Kind == FieldKind.TextList)
        {
            var list = Expression(rule.Field!);
            return op switch
            {
                RuleOperator.Exists => $"cardinality({list}) > 0",
                RuleOperator.Contains => $"{list} @> ARRAY[{Parameter(rule.Value!, NpgsqlDbType.Text)}]",
                _ => $"{list} && {Parameter(rule.Values!.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}",
            };
        }

        if (field.Kind == FieldKind.Attribute)
        {
            var json = $"u.attributes -> {Parameter(rule.Field!["attribute.".Length..], NpgsqlDbType.Text)}";
            if (op == RuleOperator.Exists)
            {
                return $"({json}) IS NOT NULL";
            }

            return rule.Number is { } number
                ? Compare($"(CASE WHEN jsonb_typeof({json}) = 'number' THEN ({json})::text::double precision END)", op, number, rule.Values, numeric: true)
                : Compare($"(u.attributes ->> {Parameter(rule.Field!["attribute.".Length..], NpgsqlDbType.Text)})", op, rule.Value, rule.Values, numeric: false);
        }

        var expression = Expression(rule.Field!);
        return op == RuleOperator.Exists
            ? $"{expression} IS NOT NULL"
            : Compare(expression, op, field.Kind == FieldKind.Number ? rule.Number : rule.Value, rule.Values, numeric: field.Kind == FieldKind.Number);
    }

    private string Compare(string expression, RuleOperator op, object? value, IReadOnlyList<string>? values, bool numeric)
    {
        if (op == RuleOperator.In)
        {
            return numeric
                ? $"{expression} = ANY({Parameter(values!.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double)})"
                : $"{expression} = ANY({Parameter(values!.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})";
        }

        var parameter = numeric ? Parameter(Convert.ToDouble(value, CultureInfo.InvariantCulture), NpgsqlDbType.Double) : Parameter((string)value!, NpgsqlDbType.Text);
        var symbol = op switch
        {
            RuleOperator.Eq => "=",
            RuleOperator.Ne => "<>",
            RuleOperator.Gt => ">",
            RuleOperator.Gte => ">=",
            RuleOperator.Lt => "<",
            RuleOperator.Lte => "<=",
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a comparison"),
        };

        // Texts compare byte-wise, as string.CompareOrdinal does.
        return numeric ? $"{expression}::double precision {symbol} {parameter}" : $"{expression} COLLATE \"C\" {symbol} {parameter}";
    }

    /// <summary>The SQL for a field, with an empty profile's values where a user has no projection row.</summary>
    private string Expression(string field) => field switch
    {
        "age" => "u.age",
        "gender" => "u.gender",
        "region" => "u.region",
        "occupation" => "u.occupation",
        "signupDate" => "to_char(u.signup_date, 'YYYY-MM-DD')",
        "tags" => "COALESCE(u.tags, '{}')",
        "interestTags" => "COALESCE(p.interest_tags, '{}')",
        "segment" => "COALESCE(p.rfm_segment, 'never_purchased')",
        "rfm.r" => "COALESCE(p.rfm_r, 0)",
        "rfm.f" => "COALESCE(p.rfm_f, 0)",
        "rfm.m" => "COALESCE(p.rfm_m, 0)",
        // Exact now: whole UTC days grow by the days passed since the row was written.
        "recencyDays" => "(p.recency_days + ((now() AT TIME ZONE 'UTC')::date - (p.as_of AT TIME ZONE 'UTC')::date))",
        "frequency90" => "COALESCE(p.frequency_90, 0)",
        "monetary90" => "COALESCE(p.monetary_90, 0)",
        "purchases" => "COALESCE(p.purchases, 0)",
        "revenue" => "COALESCE(p.revenue, 0)",
        "discountSensitivity" => "p.discount_sensitivity",
        "topCategories" => "COALESCE(p.top_categories, '{}')",
        "topBrands" => "COALESCE(p.top_brands, '{}')",
        "firstSeenDate" => "to_char(p.first_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
        "lastSeenDate" => "to_char(p.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
        "propensity" => "sc.propensity",
        "expectedSpend" => "sc.expected_spend",
        "churnRisk" => "sc.churn_risk",
        "persona" => "sc.persona",
        _ when field.StartsWith("counter.", StringComparison.Ordinal) => Counter(field),
        _ => throw new ArgumentException($"no SQL for field {field}", nameof(field)),
    };

    private string Counter(string field)
    {
        var parts = field.Split('.');
        var index = AudienceFields.CounterWindows.ToList().IndexOf(parts[2]);
        return $"COALESCE((p.counters -> {Parameter(parts[1], NpgsqlDbType.Text)} ->> {index})::bigint, 0)";
    }

    private string Parameter(object value, NpgsqlDbType type)
    {
        var name = $"a{parameters++}";
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return "@" + name;
    }
}
