using Platform.Domain.Campaigns;
using Platform.Domain.Imports;

namespace Platform.Domain.Tests.Imports;

public sealed class ImportOptionsRulesTests
{
    private static readonly ExperimentMapping Experiment = new("spring", "id", "group", ["0"], [new ArmDesign("1", "coupon", CampaignType.PercentOff)], ConversionColumn: "orders");

    [Fact]
    public void SensibleOptionsPass()
    {
        Assert.Empty(ImportOptionsRules.Validate(new ImportOptions(ImportKind.Experiment, ';', [new("age", MissingPolicy.Impute)], ["spring"], Experiment)));
    }

    [Fact]
    public void EachBrokenRuleNamesItsField()
    {
        var options = new ImportOptions(ImportKind.Users, 'x', [new("region", MissingPolicy.Default)], ["Not A Tag"], Experiment);

        Assert.Equal(
            ["options.delimiter:not_allowed", "options.columns[0].default:required", "options.tags:format", "options.experiment:required_for_kind"],
            ImportOptionsRules.Validate(options).Select(v => $"{v.Field}:{v.Rule}"));
    }

    [Fact]
    public void ExperimentMappingsAreChecked()
    {
        var mapping = Experiment with
        {
            ControlValues = ["1"],
            WindowDays = 0,
            ConversionColumn = null,
        };

        Assert.Equal(
            ["options.experiment.arms:duplicate", "options.experiment.windowDays:out_of_range", "options.experiment:required"],
            ImportOptionsRules.Validate(new ImportOptions(ImportKind.Experiment, Experiment: mapping)).Select(v => $"{v.Field}:{v.Rule}"));
    }
}
