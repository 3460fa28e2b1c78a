using System.Globalization;
using Platform.Domain.Campaigns;
using Platform.Domain.Errors;
using Platform.Domain.Events;
using Platform.Domain.Users;

namespace Platform.Domain.Imports;

/// <summary>Checks import options before a file is accepted, so a job never starts with options it cannot follow.</summary>
public static class ImportOptionsRules
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

    private static void ValidateEvents(EventFileMapping mapping, List<Violation> violations)
    {
        ValidateFields("options.events.fields", mapping.Fields ?? [], EventFileMapping.MappableFields, violations);

        foreach (var (constant, index) in (mapping.Constants ?? []).Select((c, i) => (c, i)))
        {
            if (!RowMappers.EventColumns.Contains(constant.Field) || constant.Field == "eventId")
            {
                violations.Add(new($"options.events.constants[{index}].field", "not_allowed", $"options.events.constants[{index}].field must be an event field other than eventId."));
            }

            if (string.IsNullOrWhiteSpace(constant.Value))
            {
                violations.Add(new($"options.events.constants[{index}].value", "required", $"options.events.constants[{index}].value is required."));
            }
            else if (constant.Field == "type" && !EventTypeNames.TryParse(constant.Value, out _) && !(mapping.Types ?? []).Any(t => t.Value.Trim() == constant.Value.Trim()))
            {
                violations.Add(new($"options.events.constants[{index}].value", "unknown_type", $"options.events.constants[{index}].value must be an event type such as PURCHASE, or a value options.events.types maps."));
            }
        }

        if ((mapping.Constants ?? []).DistinctBy(c => c.Field).Count() != (mapping.Constants ?? []).Count)
        {
            violations.Add(new("options.events.constants", "duplicate", "options.events.constants gives each field once."));
        }

        var types = mapping.Types ?? [];
        if (types.Count > EventFileMapping.MaxTypes)
        {
            violations.Add(new("options.events.types", "too_many", $"options.events.types lists at most {EventFileMapping.MaxTypes} values."));
        }

        foreach (var (type, index) in types.Select((t, i) => (t, i)))
        {
            if (!EventTypeNames.TryParse(type.Type, out _))
            {
                violations.Add(new($"options.events.types[{index}].type", "unknown_type", $"options.events.types[{index}].type must be one of {string.Join(", ", EventTypeNames.All.Order(StringComparer.Ordinal))}."));
            }
        }

        if (types.DistinctBy(t => t.Value.Trim()).Count() != types.Count || types.Any(t => string.IsNullOrWhiteSpace(t.Value)))
        {
            violations.Add(new("options.events.types", "duplicate", "options.events.types gives each value of the type column once, and none blank."));
        }

        if (mapping.TimeFormat is { } format && !IsTimeFormat(format))
        {
            violations.Add(new("options.events.timeFormat", "format",
                $"options.events.timeFormat is {EventFileMapping.Iso8601} (the default), {EventFileMapping.UnixSeconds}, {EventFileMapping.UnixMilliseconds} or a .NET date pattern such as 'M/d/yyyy H:mm'."));
        }

        if (mapping.RatingScale is { } scale && (scale.Min >= scale.Max || Math.Abs(scale.Min) > RatingScale.MaxMagnitude || Math.Abs(scale.Max) > RatingScale.MaxMagnitude))
        {
            violations.Add(new("options.events.ratingScale", "out_of_range",
                $"options.events.ratingScale needs min below max, both between -{RatingScale.MaxMagnitude:0} and {RatingScale.MaxMagnitude:0}."));
        }

        if (mapping.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            violations.Add(new("options.events.timeZone", "unknown_time_zone", $"options.events.timeZone '{zone}' is not an IANA time zone such as Europe/London."));
        }
        else if (mapping.TimeZone is not null && (EventFileMapping.IsNamed(mapping.TimeFormat) || EventRowTranslator.HasOffset(mapping.TimeFormat!)))
        {
            violations.Add(new("options.events.timeZone", "not_used", "options.events.timeZone applies to a date pattern without an offset; these times state their own."));
        }
    }

    // A named format, or a .NET date pattern of .NET's letters only that reads a year, a month and a day, and reads back what it writes.
    private static bool IsTimeFormat(string format)
    {
        if (EventFileMapping.IsNamed(format))
        {
            return true;
        }

        var letters = EventFileMapping.PatternLetters(format).ToHashSet();
        if (!letters.IsSubsetOf(EventFileMapping.DateLetters) || !letters.IsSupersetOf("yMd"))
        {
            return false;
        }

        try
        {
            var sample = new DateTime(2026, 11, 27, 10, 15, 0);
            return DateTime.TryParseExact(sample.ToString(format, CultureInfo.InvariantCulture), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var read)
                && read.Date == sample.Date;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static void ValidateExperiment(ExperimentMapping mapping, List<Violation> violations)
    {
        if (string.IsNullOrWhiteSpace(mapping.Name) || mapping.Name.Length > 64)
        {
            violations.Add(new("options.experiment.name", "format", "options.experiment.name must be 1-64 characters."));
        }

        if (string.IsNullOrWhiteSpace(mapping.AssignmentColumn))
        {
            violations.Add(new("options.experiment.assignmentColumn", "required", "options.experiment needs assignmentColumn."));
        }

        if (mapping.UserIdColumn is { } idColumn && string.IsNullOrWhiteSpace(idColumn))
        {
            violations.Add(new("options.experiment.userIdColumn", "format", "options.experiment.userIdColumn names a column, or is left out (ids are then made from the lines)."));
        }

        if (mapping.ControlValues.Count == 0)
        {
            violations.Add(new("options.experiment.controlValues", "required", "options.experiment.controlValues must name the assignment value(s) of the control group."));
        }

        if (mapping.Arms.Count is 0 or > ExperimentMapping.MaxArms)
        {
            violations.Add(new("options.experiment.arms", "out_of_range", $"options.experiment.arms must list 1 to {ExperimentMapping.MaxArms} treatment arms."));
        }

        var values = mapping.Arms.Select(a => a.AssignmentValue).Concat(mapping.ControlValues).ToList();
        if (values.Distinct().Count() != values.Count)
        {
            violations.Add(new("options.experiment.arms", "duplicate", "options.experiment.arms: every assignment value belongs to one arm or to control."));
        }

        if (mapping.Arms.Select(a => a.Name.Trim().ToLowerInvariant()).Distinct().Count() != mapping.Arms.Count || mapping.Arms.Any(a => string.IsNullOrWhiteSpace(a.Name)))
        {
            violations.Add(new("options.experiment.arms", "duplicate", "options.experiment.arms need distinct, non-empty names."));
        }

        if (mapping.WindowDays is < 1 or > 365)
        {
            violations.Add(new("options.experiment.windowDays", "out_of_range", "options.experiment.windowDays must be 1 to 365."));
        }

        foreach (var (arm, index) in mapping.Arms.Select((a, i) => (a, i)))
        {
            violations.AddRange(ArmViolations(arm, $"options.experiment.arms[{index}]", mapping.WindowDays));
        }

        if (mapping.CovariateColumns is { } covariates)
        {
            if (covariates.Count > ExperimentMapping.MaxCovariates)
            {
                violations.Add(new("options.experiment.covariateColumns", "out_of_range", $"options.experiment.covariateColumns lists at most {ExperimentMapping.MaxCovariates} columns."));
            }

            if (covariates.FirstOrDefault(c => mapping.MappedColumns.Contains(c)) is { } clash)
            {
                violations.Add(new("options.experiment.covariateColumns", "not_a_covariate", $"options.experiment.covariateColumns: {clash} is the id, assignment or an outcome; a covariate is measured before assignment."));
            }

            if (covariates.Distinct().Count() != covariates.Count)
            {
                violations.Add(new("options.experiment.covariateColumns", "duplicate", "options.experiment.covariateColumns names each column once."));
            }
        }

        if (mapping.ConversionColumn is null && mapping.RevenueColumn is null && mapping.ParticipationColumn is null)
        {
            violations.Add(new("options.experiment", "required", "options.experiment must map at least one outcome column (conversion, revenue or participation)."));
        }
    }

    /// <summary>The design rules an arm breaks, for the fields it gives (an arm need not know its value or channel).</summary>
    private static IEnumerable<Violation> ArmViolations(ArmDesign arm, string path, int windowDays)
    {
        if (arm.DurationDays is < 1 or > CampaignDesignRules.MaxDurationDays)
        {
            yield return new($"{path}.durationDays", "out_of_range", $"{path}.durationDays must be between 1 and {CampaignDesignRules.MaxDurationDays}.");
        }

        var design = arm.ToDesign(arm.Name, DateTimeOffset.UnixEpoch, Math.Clamp(windowDays, 1, CampaignDesignRules.MaxAttributionWindowDays), 0) with
        {
            Name = "arm",
            Channel = arm.Channel ?? Channel.Email,
            EndsAt = DateTimeOffset.UnixEpoch.AddDays(1),
        };
        foreach (var broken in CampaignDesignRules.Validate(design).Where(v => v.Field != "value" || arm.Value is not null))
        {
            var field = broken.Field == "value" ? "amount" : broken.Field;
            yield return broken with { Field = $"{path}.{field}", Message = $"{path}.{field}{broken.Message[broken.Field.Length..]}" };
        }
    }
}
