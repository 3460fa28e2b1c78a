using Platform.Domain.Errors;
using Platform.Domain.Events;
using Platform.Domain.Users;

namespace Platform.Domain.Imports;

/// <summary>
/// Reads past-experiment rows with a mapping; feature columns become user attributes of the kind the file shows. Covariate
/// columns must hold numbers; an empty covariate cell takes <paramref name="covariateMeans"/>' value, the column's mean over
/// the file (a covariate measured before assignment adjusts without bias whatever is imputed; the mean keeps it precise).
/// </summary>
public sealed class ExperimentRowMapper(ExperimentMapping mapping, IReadOnlyList<AttributeDefinition> features, IReadOnlyDictionary<string, double>? covariateMeans = null)
{
    private readonly IReadOnlyDictionary<string, ExperimentArm> arms = mapping.ArmsByValue();
    private Dictionary<string, string>? columnOfFeature;

    /// <summary>
    /// The attributes features become: numeric when every value in the file is a number. Without stated feature columns,
    /// every column but the mapped ones and those <paramref name="unbalanced"/> between the arms (<see cref="ArmBalance"/>).
    /// </summary>
    public static IReadOnlyList<AttributeDefinition> FeatureSchema(
        ExperimentMapping mapping, IReadOnlyList<string> header, IReadOnlyDictionary<string, ColumnStatistics> statistics, IReadOnlyCollection<string>? unbalanced = null)
    {
        var leftOut = mapping.MappedColumns.Concat(unbalanced ?? []).ToHashSet(StringComparer.Ordinal);
        var columns = mapping.FeatureColumns ?? header.Where(h => !leftOut.Contains(h)).ToList();
        return columns.Select(column => new AttributeDefinition(
                AttributeName(column),
                statistics.TryGetValue(column, out var stats) && stats.IsNumeric ? AttributeKind.Numeric : AttributeKind.Categorical))
            .ToList();
    }

    /// <summary>An attribute name from a column name: lowercase letters, digits and '_'.</summary>
    public static string AttributeName(string column)
    {
        var name = new string(column.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray()).Trim('_');
        return name.Length == 0 || !char.IsAsciiLetter(name[0]) ? $"f_{name}"[..Math.Min(40, name.Length + 2)] : name[..Math.Min(40, name.Length)];
    }

    /// <param name="line">The row's line in the file (the header is line 1): the customer's id when the file has no id column.</param>
    public (ExperimentRow? Row, IReadOnlyList<Violation> Violations) Map(long line, IReadOnlyDictionary<string, string?> cells)
    {
        var row = new CellReader(cells);
        var violations = row.Violations;
        var userId = mapping.UserIdColumn is { } idColumn ? row.Text(idColumn) : mapping.CustomerIdOnLine(line);
        if (userId is null)
        {
            violations.Add(new(mapping.UserIdColumn!, "required", $"{mapping.UserIdColumn} (the customer id) is required."));
        }

        var assignment = row.Text(mapping.AssignmentColumn);
        ExperimentArm? arm = assignment is not null && arms.TryGetValue(assignment, out var side) ? side : null;
        if (arm is null)
        {
            violations.Add(new(mapping.AssignmentColumn, assignment is null ? "required" : "unknown_arm",
                $"{mapping.AssignmentColumn} must be one of {string.Join(", ", mapping.ControlValues.Concat(mapping.Arms.Select(a => a.AssignmentValue)))}."));
        }

        var participated = mapping.ParticipationColumn is { } p ? row.Flag(p) : null;
        var conversions = mapping.ConversionColumn is { } c ? row.Count(c) : null;
        var revenue = mapping.RevenueColumn is { } r ? row.Decimal(r) : conversions * mapping.ConversionValue;
        if (revenue is < 0)
        {
            violations.Add(new(mapping.RevenueColumn!, "out_of_range", $"{mapping.RevenueColumn} must not be negative."));
        }

        // Every row has the file's columns: each feature's column is found once.
        columnOfFeature ??= features.DistinctBy(f => f.Name).ToDictionary(f => f.Name, f => cells.Keys.First(k => AttributeName(k) == f.Name));
        var values = new List<AttributeValue>();
        foreach (var feature in features)
        {
            var column = columnOfFeature[feature.Name];
            if (feature.Kind == AttributeKind.Numeric)
            {
                if (row.Double(column) is { } number)
                {
                    values.Add(new(feature.Name, number, null));
                }
            }
            else if (row.Text(column) is { } text)
            {
                if (text.Length > UserValidator.MaxTextLength)
                {
                    violations.Add(new(column, "too_long", $"{column} values are at most {UserValidator.MaxTextLength} characters."));
                }
                else
                {
                    values.Add(new(feature.Name, null, text));
                }
            }
        }

        var covariates = mapping.CovariateColumns?.Select(column => row.Double(column) ?? covariateMeans?.GetValueOrDefault(column) ?? 0).ToList();
        foreach (var (column, _) in (mapping.CovariateColumns ?? []).Zip(covariates ?? []).Where(c => Math.Abs(c.Second) > ExperimentMapping.MaxCovariateMagnitude))
        {
            violations.Add(new(column, "out_of_range", $"{column} must be between -1e12 and 1e12 (the lift's sums of squares must stay finite)."));
        }

        return violations.Count > 0 ? (null, violations) : (new ExperimentRow(userId!, arm!.Value, participated, conversions, revenue, values, covariates), violations);
    }
}
