using Platform.Domain.Errors;
using Platform.Domain.Events;
using Platform.Domain.Users;

namespace Platform.Domain.Imports;

/// <summary>Checks import options before a file is accepted, so a job never starts with options it cannot follow.</summary>
public static class ImportOptionsRules
{
    public static readonly char[] Delimiters = [',', ';', '\t', '|'];
    public const int MaxPolicies = 200;
    public const int MaxTags = 20;

    public static IReadOnlyList<Violation> Validate(ImportOptions options)
    {
        var violations = new List<Violation>();
        if (!Delimiters.Contains(options.Delimiter))
        {
            violations.Add(new("options.delimiter", "not_allowed", "delimiter is one of ',', ';', tab or '|'."));
        }

        var policies = options.Columns ?? [];
        if (policies.Count > MaxPolicies)
        {
            violations.Add(new("options.columns", "too_many", $"at most {MaxPolicies} column policies."));
        }

        foreach (var (policy, index) in policies.Select((p, i) => (p, i)))
        {
            if (string.IsNullOrWhiteSpace(policy.Column))
            {
                violations.Add(new($"options.columns[{index}].column", "required", "column is required."));
            }

            if (policy.Missing == MissingPolicy.Default && policy.Default is null)
            {
                violations.Add(new($"options.columns[{index}].default", "required", "a DEFAULT policy needs a default value."));
            }
        }

        var tags = options.Tags ?? [];
        if (tags.Count > MaxTags || tags.Any(t => !UserValidator.IsTag(t)))
        {
            violations.Add(new("options.tags", "format", $"at most {MaxTags} tags of lowercase letters, digits, '_', '-' or ':'."));
        }

        if ((options.Kind == ImportKind.Experiment) != (options.Experiment is not null))
        {
            violations.Add(new("options.experiment", "required_for_kind", "experiment mappings go with EXPERIMENT imports, and only with them."));
        }
        else if (options.Experiment is { } experiment)
        {
            ValidateExperiment(experiment, violations);
        }

        return violations;
    }

    private static void ValidateExperiment(ExperimentMapping mapping, List<Violation> violations)
    {
        if (string.IsNullOrWhiteSpace(mapping.Name) || mapping.Name.Length > 64)
        {
            violations.Add(new("options.experiment.name", "format", "name is 1-64 characters."));
        }

        if (string.IsNullOrWhiteSpace(mapping.UserIdColumn) || string.IsNullOrWhiteSpace(mapping.AssignmentColumn))
        {
            violations.Add(new("options.experiment", "required", "userIdColumn and assignmentColumn are required."));
        }

        if (mapping.ControlValues.Count == 0)
        {
            violations.Add(new("options.experiment.controlValues", "required", "name the assignment value(s) of the control group."));
        }

        if (mapping.Arms.Count is 0 or > ExperimentMapping.MaxArms)
        {
            violations.Add(new("options.experiment.arms", "out_of_range", $"an experiment has 1 to {ExperimentMapping.MaxArms} treatment arms."));
        }

        var values = mapping.Arms.Select(a => a.AssignmentValue).Concat(mapping.ControlValues).ToList();
        if (values.Distinct().Count() != values.Count)
        {
            violations.Add(new("options.experiment.arms", "duplicate", "every assignment value belongs to one arm or to control."));
        }

        if (mapping.Arms.Select(a => a.Name.Trim().ToLowerInvariant()).Distinct().Count() != mapping.Arms.Count || mapping.Arms.Any(a => string.IsNullOrWhiteSpace(a.Name)))
        {
            violations.Add(new("options.experiment.arms", "duplicate", "arms need distinct, non-empty names."));
        }

        if (mapping.WindowDays is < 1 or > 365)
        {
            violations.Add(new("options.experiment.windowDays", "out_of_range", "windowDays is 1 to 365."));
        }

        if (mapping.ConversionColumn is null && mapping.RevenueColumn is null && mapping.ParticipationColumn is null)
        {
            violations.Add(new("options.experiment", "required", "map at least one outcome column (conversion, revenue or participation)."));
        }
    }
}
