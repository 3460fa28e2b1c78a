using Platform.Domain.Errors;
using Platform.Domain.Users;

namespace Platform.Domain.Imports;

/// <summary>Checks import options before a file is accepted, so a job never starts with options it cannot follow.</summary>
public static partial class ImportOptionsRules
{
    /// <summary>
    /// What separates a line's fields. "::" (MovieLens' .dat files) is not CSV: such a file has no quoting, so a quote
    /// or a comma in a field is text.
    /// </summary>
    public static readonly string[] Delimiters = [",", ";", "\t", "|", "::"];
    public const int MaxPolicies = 200;
    public const int MaxTags = 20;
    public const int MaxColumnNames = 1_000;
    public const int MaxColumnNameLength = 200;

    /// <summary>Excel's own limit on a worksheet's name.</summary>
    public const int MaxSheetNameLength = 31;

    public const int MaxEntryNameLength = 1_000;

    public static IReadOnlyList<Violation> Validate(ImportOptions options)
    {
        var violations = new List<Violation>();
        if (!Delimiters.Contains(options.Delimiter))
        {
            violations.Add(new("options.delimiter", "not_allowed", "options.delimiter must be one of ',', ';', tab, '|' or '::'."));
        }

        if (options.ColumnNames is { } names)
        {
            ValidateColumnNames(names, violations);
        }

        ValidateFormat(options, violations);

        var policies = options.Columns ?? [];
        if (policies.Count > MaxPolicies)
        {
            violations.Add(new("options.columns", "too_many", $"options.columns must hold at most {MaxPolicies} column policies."));
        }

        foreach (var (policy, index) in policies.Select((p, i) => (p, i)))
        {
            if (string.IsNullOrWhiteSpace(policy.Column))
            {
                violations.Add(new($"options.columns[{index}].column", "required", $"options.columns[{index}].column is required."));
            }

            if (policy.Missing == MissingPolicy.Default && policy.Default is null)
            {
                violations.Add(new($"options.columns[{index}].default", "required", $"options.columns[{index}].default is required by a DEFAULT policy."));
            }
        }

        var tags = options.Tags ?? [];
        if (tags.Count > MaxTags || tags.Any(t => !UserValidator.IsTag(t)))
        {
            violations.Add(new("options.tags", "format", $"options.tags must be at most {MaxTags} tags of lowercase letters, digits, '_', '-' or ':'."));
        }

        if ((options.Kind == ImportKind.Experiment) != (options.Experiment is not null))
        {
            violations.Add(new("options.experiment", "required_for_kind", "options.experiment goes with EXPERIMENT imports, and only with them."));
        }
        else if (options.Experiment is { } experiment)
        {
            ValidateExperiment(experiment, violations);
        }

        if (options.Users is { } users)
        {
            ValidateColumns(users, "users", options.Kind == ImportKind.Users, ColumnMapping.UserFields, violations);
        }

        if (options.Items is { } items)
        {
            ValidateColumns(items, "items", options.Kind == ImportKind.Items, ColumnMapping.ItemFields, violations);
        }

        if (options.Events is { } events)
        {
            if (options.Kind != ImportKind.Events)
            {
                violations.Add(new("options.events", "not_for_kind", "options.events goes with EVENTS imports only."));
            }

            ValidateEvents(events, violations);
        }

        return violations;
    }

    /// <summary>Options that only some formats read: a delimiter and an encoding are CSV's, column names not JSON Lines', a sheet Excel's, an archive's entry not Excel's.</summary>
    private static void ValidateFormat(ImportOptions options, List<Violation> violations)
    {
        var format = options.Format;
        if (format != FileFormat.Csv && options.Delimiter != ",")
        {
            violations.Add(new("options.delimiter", "not_used", "options.delimiter applies to CSV files."));
        }

        if (format == FileFormat.Excel && options.Encoding != FileEncoding.Utf8)
        {
            violations.Add(new("options.encoding", "not_used", "options.encoding applies to text files; a workbook holds its own."));
        }

        if (format == FileFormat.JsonLines && options.ColumnNames is not null)
        {
            violations.Add(new("options.columnNames", "not_used", "options.columnNames applies to files without a header line; a JSON Lines file names its fields in each object."));
        }

        if (options.Sheet is not null && format != FileFormat.Excel)
        {
            violations.Add(new("options.sheet", "not_used", "options.sheet names a worksheet of an Excel workbook (format: EXCEL)."));
        }
        else if (options.Sheet is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > MaxSheetNameLength))
        {
            violations.Add(new("options.sheet", "format", $"options.sheet is a worksheet's name: 1 to {MaxSheetNameLength} characters, not blank."));
        }

        if (options.Entry is not null && format == FileFormat.Excel)
        {
            violations.Add(new("options.entry", "not_used", "options.entry names a file of a zip archive; a workbook is read whole."));
        }
        else if (options.Entry is { } entry && (string.IsNullOrWhiteSpace(entry) || entry.Length > MaxEntryNameLength))
        {
            violations.Add(new("options.entry", "format", $"options.entry is a file's name or path in the archive: 1 to {MaxEntryNameLength} characters, not blank."));
        }
    }

    private static void ValidateColumnNames(IReadOnlyList<string> names, List<Violation> violations)
    {
        if (names.Count is 0 or > MaxColumnNames)
        {
            violations.Add(new("options.columnNames", "out_of_range", $"options.columnNames names 1 to {MaxColumnNames} columns, or is left out (the file's first line names them)."));
            return;
        }

        foreach (var (name, index) in names.Select((n, i) => (n, i)))
        {
            if (string.IsNullOrWhiteSpace(name) || name.Trim() != name || name.Length > MaxColumnNameLength || FreeText.HasNul(name))
            {
                violations.Add(new($"options.columnNames[{index}]", "format", $"options.columnNames[{index}] must be 1 to {MaxColumnNameLength} characters, without spaces around them."));
            }
        }

        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            violations.Add(new("options.columnNames", "duplicate", $"options.columnNames names column '{repeated.Key}' twice."));
        }
    }

    private static void ValidateColumns(ColumnMapping mapping, string name, bool forThisKind, IReadOnlyList<string> fields, List<Violation> violations)
    {
        if (!forThisKind)
        {
            violations.Add(new($"options.{name}", "not_for_kind", $"options.{name} goes with {name.ToUpperInvariant()} imports only."));
        }

        ValidateFields($"options.{name}.fields", mapping.Fields ?? [], fields, violations);
    }

    private static void ValidateFields(string path, IReadOnlyList<FieldColumn> fields, IReadOnlyList<string> allowed, List<Violation> violations)
    {
        foreach (var (field, index) in fields.Select((f, i) => (f, i)))
        {
            if (!allowed.Contains(field.Field))
            {
                violations.Add(new($"{path}[{index}].field", "not_allowed", $"{path}[{index}].field must be one of {string.Join(", ", allowed)}."));
            }

            if (string.IsNullOrWhiteSpace(field.Column) || field.Column != field.Column.Trim())
            {
                violations.Add(new($"{path}[{index}].column", "required", $"{path}[{index}].column names the file's column, as its header does (without spaces around it)."));
            }
        }

        if (fields.DistinctBy(f => f.Field).Count() != fields.Count || fields.DistinctBy(f => f.Column).Count() != fields.Count)
        {
            violations.Add(new(path, "duplicate", $"{path} maps each field from one column, and each column to one field."));
        }
    }
}
