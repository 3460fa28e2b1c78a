using Platform.Domain.Campaigns;
using Platform.Domain.Errors;

namespace Platform.Domain.Imports;

/// <summary>The rules of a past experiment's mapping (options.experiment) and its arms.</summary>
public static partial class ImportOptionsRules
{
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

        if (mapping.ConversionValue is { } value)
        {
            ValidateConversionValue(mapping, value, violations);
        }
    }

    private static void ValidateConversionValue(ExperimentMapping mapping, decimal value, List<Violation> violations)
    {
        if (value is <= 0 or > ExperimentMapping.MaxConversionValue)
        {
            violations.Add(new("options.experiment.conversionValue", "out_of_range", $"options.experiment.conversionValue must be above 0 and at most {ExperimentMapping.MaxConversionValue:N0}."));
        }

        if (mapping.RevenueColumn is not null)
        {
            violations.Add(new("options.experiment.conversionValue", "not_used", "options.experiment.conversionValue applies to a file without revenueColumn: with one, revenue is read from it."));
        }
        else if (mapping.ConversionColumn is null)
        {
            violations.Add(new("options.experiment.conversionColumn", "required", "options.experiment.conversionColumn is required with conversionValue: revenue is conversions × conversionValue."));
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
