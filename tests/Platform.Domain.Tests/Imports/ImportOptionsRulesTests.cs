using Platform.Domain.Campaigns;
using Platform.Domain.Imports;

namespace Platform.Domain.Tests.Imports;

public sealed class ImportOptionsRulesTests
{
    private static readonly ExperimentMapping Experiment = new("spring", "id", "group", ["0"], [new ArmDesign("1", "coupon", CampaignType.PercentOff)], ConversionColumn: "orders");

    [Fact]
    public void SensibleOptionsPass()
    {
        Assert.Empty(ImportOptionsRules.Validate(new ImportOptions(ImportKind.Experiment, ";", [new("age", MissingPolicy.Impute)], ["spring"], Experiment)));
    }

    [Fact]
    public void EachBrokenRuleNamesItsField()
    {
        var options = new ImportOptions(ImportKind.Users, "x", [new("region", MissingPolicy.Default)], ["Not A Tag"], Experiment);

        Assert.Equal(
            ["options.delimiter:not_allowed", "options.columns[0].default:required", "options.tags:format", "options.experiment:required_for_kind"],
            ImportOptionsRules.Validate(options).Select(v => $"{v.Field}:{v.Rule}"));
    }

    [Theory]
    [InlineData(",", true)]
    [InlineData("\t", true)]
    [InlineData("::", true)]
    [InlineData(":", false)]
    [InlineData(",,", false)]
    [InlineData("", false)]
    public void DelimitersAreOneOfTheListed(string delimiter, bool allowed) =>
        Assert.Equal(allowed, ImportOptionsRules.Validate(new ImportOptions(ImportKind.Events, delimiter)).Count == 0);

    [Theory]
    [InlineData(1, 10, true)]
    [InlineData(-10, 10, true)]
    [InlineData(5, 5, false)]
    [InlineData(10, 1, false)]
    [InlineData(0, 2_000_000, false)]
    public void ARatingScaleRunsUpward(int min, int max, bool valid)
    {
        var broken = ImportOptionsRules.Validate(new ImportOptions(ImportKind.Events, Events: new EventFileMapping(RatingScale: new RatingScale(min, max))));

        Assert.Equal(valid ? [] : ["options.events.ratingScale:out_of_range"], broken.Select(v => $"{v.Field}:{v.Rule}"));
    }

    [Fact]
    public void EachFormatTakesOnlyTheOptionsItReads()
    {
        Assert.Empty(ImportOptionsRules.Validate(new ImportOptions(ImportKind.Users, Format: FileFormat.Excel, Sheet: "Year 2010-2011", ColumnNames: ["id"])));
        Assert.Equal(
            ["options.delimiter:not_used", "options.encoding:not_used"],
            ImportOptionsRules.Validate(new ImportOptions(ImportKind.Users, ";", Encoding: FileEncoding.Windows1252, Format: FileFormat.Excel)).Select(v => $"{v.Field}:{v.Rule}"));
        Assert.Equal(["options.sheet:not_used"], ImportOptionsRules.Validate(new ImportOptions(ImportKind.Users, Sheet: "S")).Select(v => $"{v.Field}:{v.Rule}"));
        Assert.Equal(["options.sheet:format"], ImportOptionsRules.Validate(new ImportOptions(ImportKind.Users, Format: FileFormat.Excel, Sheet: new string('s', 32))).Select(v => $"{v.Field}:{v.Rule}"));
        Assert.Empty(ImportOptionsRules.Validate(new ImportOptions(ImportKind.Events, Format: FileFormat.JsonLines, Entry: "reviews/Books.jsonl")));
        Assert.Equal(["options.entry:not_used"], ImportOptionsRules.Validate(new ImportOptions(ImportKind.Users, Format: FileFormat.Excel, Entry: "a.csv")).Select(v => $"{v.Field}:{v.Rule}"));
        Assert.Equal(["options.entry:format"], ImportOptionsRules.Validate(new ImportOptions(ImportKind.Users, Entry: " ")).Select(v => $"{v.Field}:{v.Rule}"));
    }

    [Fact]
    public void AJsonLinesFileTakesNoDelimiterOrColumnNames()
    {
        Assert.Empty(ImportOptionsRules.Validate(new ImportOptions(ImportKind.Events, Format: FileFormat.JsonLines)));
        Assert.Equal(
            ["options.delimiter:not_used", "options.columnNames:not_used"],
            ImportOptionsRules.Validate(new ImportOptions(ImportKind.Events, ";", ColumnNames: ["a"], Format: FileFormat.JsonLines)).Select(v => $"{v.Field}:{v.Rule}"));
    }

    [Fact]
    public void ColumnNamesOfAFileWithoutAHeaderAreDistinctAndNotBlank()
    {
        Assert.Empty(ImportOptionsRules.Validate(new ImportOptions(ImportKind.Events, ColumnNames: ["userId", "itemId", "rating", "timestamp"])));
        Assert.Equal(
            ["options.columnNames[1]:format", "options.columnNames[2]:format", "options.columnNames:duplicate"],
            ImportOptionsRules.Validate(new ImportOptions(ImportKind.Events, ColumnNames: ["userId", " ", "itemId ", "userId"])).Select(v => $"{v.Field}:{v.Rule}"));
        Assert.Equal("options.columnNames:out_of_range", ImportOptionsRules.Validate(new ImportOptions(ImportKind.Users, ColumnNames: [])).Single() is var v ? $"{v.Field}:{v.Rule}" : null);
    }

    [Fact]
    public void AUsersOrItemsFilesOwnColumnNamesAreCheckedAsAnEventsFilesAre()
    {
        var users = new ColumnMapping([new("id", "customer_id"), new("userId", "size"), new("age", " "), new("id", "client")]);

        Assert.Empty(ImportOptionsRules.Validate(new ImportOptions(ImportKind.Items, Items: new([new("id", "article_id"), new("title", "prod_name")]))));
        Assert.Equal(
            ["options.users:not_for_kind", "options.users.fields[1].field:not_allowed", "options.users.fields[2].column:required", "options.users.fields:duplicate"],
            ImportOptionsRules.Validate(new ImportOptions(ImportKind.Events, Users: users)).Select(v => $"{v.Field}:{v.Rule}"));
    }

    [Fact]
    public void AnExperimentNeedsNoIdColumnButAGivenOneIsNotBlank()
    {
        Assert.Empty(ImportOptionsRules.Validate(new ImportOptions(ImportKind.Experiment, Experiment: Experiment with { UserIdColumn = null })));
        Assert.Equal(
            ["options.experiment.assignmentColumn:required", "options.experiment.userIdColumn:format"],
            ImportOptionsRules.Validate(new ImportOptions(ImportKind.Experiment, Experiment: Experiment with { UserIdColumn = " ", AssignmentColumn = "" })).Select(v => $"{v.Field}:{v.Rule}"));
    }

    [Fact]
    public void AnEventsFileMappingIsCheckedFieldByField()
    {
        var mapping = new EventFileMapping(
            [new("userId", "visitorid"), new("shopper", "x"), new("itemId", " ")],
            [new("view", "VIEW"), new("buy", "BUY")],
            "QQ-yy",
            "Mars/Olympus");

        Assert.Equal(
            ["options.events.fields[1].field:not_allowed", "options.events.fields[2].column:required", "options.events.types[1].type:unknown_type",
             "options.events.timeFormat:format", "options.events.timeZone:unknown_time_zone"],
            ImportOptionsRules.Validate(new ImportOptions(ImportKind.Events, Events: mapping)).Select(v => $"{v.Field}:{v.Rule}"));
        Assert.Equal(["options.events:not_for_kind"], ImportOptionsRules.Validate(new ImportOptions(ImportKind.Users, Events: new EventFileMapping())).Select(v => $"{v.Field}:{v.Rule}"));
        Assert.Equal(["options.events.timeZone:not_used"],
            ImportOptionsRules.Validate(new ImportOptions(ImportKind.Events, Events: new EventFileMapping(TimeFormat: EventFileMapping.UnixSeconds, TimeZone: "Europe/London"))).Select(v => $"{v.Field}:{v.Rule}"));
        Assert.Empty(ImportOptionsRules.Validate(new ImportOptions(ImportKind.Events, Events: new EventFileMapping(TimeFormat: "dd.MM.yyyy HH:mm", TimeZone: "Europe/Berlin", ShiftToNow: true))));
    }

    [Theory]
    [InlineData("yyyy-MM-dd HH:mm:ss.SSS", false)] // Java's milliseconds: 'S' is no .NET letter
    [InlineData("ddd yyyy", false)] // no month
    [InlineData("yyyy-MM-dd'T'HH:mm 'Uhr'", true)] // letters in quotes are text
    [InlineData("M/d/yyyy h:mm tt", true)]
    public void ATimePatternUsesDotNetsLettersAndReadsADate(string pattern, bool valid)
    {
        var broken = ImportOptionsRules.Validate(new ImportOptions(ImportKind.Events, Events: new EventFileMapping(TimeFormat: pattern)));

        Assert.Equal(valid, broken.Count == 0);
    }

    [Fact]
    public void ConstantsNeedAValueAndATypeConstantIsATypeOrAMappedValue()
    {
        var mapping = new EventFileMapping(
            [new("userId", " visitor ")],
            [new("sale", "PURCHASE")],
            Constants: [new("currency", " "), new("type", "SALE"), new("type", "sale"), new("eventId", "x")]);

        Assert.Equal(
            ["options.events.fields[0].column:required", "options.events.constants[0].value:required", "options.events.constants[1].value:unknown_type",
             "options.events.constants[3].field:not_allowed", "options.events.constants:duplicate"],
            ImportOptionsRules.Validate(new ImportOptions(ImportKind.Events, Events: mapping)).Select(v => $"{v.Field}:{v.Rule}"));
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

    [Theory]
    [InlineData(0, "revenue", "conversions", "options.experiment.conversionValue:out_of_range,options.experiment.conversionValue:not_used")]
    [InlineData(1_000_001, null, "conversions", "options.experiment.conversionValue:out_of_range")]
    [InlineData(10, null, null, "options.experiment.conversionColumn:required")]
    [InlineData(10, null, "conversions", "")]
    public void AConversionsValueStandsInForAMissingRevenueColumn(double value, string? revenueColumn, string? conversionColumn, string expected)
    {
        var mapping = Experiment with { ConversionValue = (decimal)value, RevenueColumn = revenueColumn, ConversionColumn = conversionColumn, ParticipationColumn = "took_part" };

        var broken = ImportOptionsRules.Validate(new ImportOptions(ImportKind.Experiment, Experiment: mapping)).Select(v => $"{v.Field}:{v.Rule}");

        Assert.Equal(expected, string.Join(",", broken));
    }

    [Fact]
    public void AnArmsDesignFieldsFollowTheCampaignRulesForWhatTheyGive()
    {
        var arms = new[]
        {
            new ArmDesign("1", "menswear", CampaignType.MessageOnly, Channel: Channel.Email, CategoryIds: ["men"], ThemeTags: ["menswear"]),
            new ArmDesign("2", "deep", CampaignType.PercentOff, Value: 95, CategoryIds: [""], MinimumSpend: -1, DurationDays: 0),
        };

        var broken = ImportOptionsRules.Validate(new ImportOptions(ImportKind.Experiment, Experiment: Experiment with { Arms = arms })).Select(v => $"{v.Field}:{v.Rule}").ToList();

        Assert.Equal(
            ["options.experiment.arms[1].durationDays:out_of_range", "options.experiment.arms[1].amount:percent_range", "options.experiment.arms[1].minimumSpend:out_of_range", "options.experiment.arms[1].categoryIds[0]:required"],
            broken);
    }

    [Fact]
    public void AnArmCarriesItsDesignOntoItsCampaign()
    {
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var arm = new ArmDesign("1", "menswear", CampaignType.MessageOnly, Channel: Channel.Email, CategoryIds: ["men"], ThemeTags: ["menswear"], DurationDays: 3, CostPerContact: 0.15m);

        var design = arm.ToDesign("spring: menswear", start, windowDays: 14, holdoutShare: 0.5);

        Assert.Equal((start.AddDays(3), 14, "men", "menswear", 0.15m), (design.EndsAt, design.AttributionWindowDays, design.CategoryIds![0], design.ThemeTags![0], design.CostPerContact));
        Assert.Equal(
            ["options.experiment.arms[0].costPerContact:out_of_range"],
            ImportOptionsRules.Validate(new ImportOptions(ImportKind.Experiment, Experiment: Experiment with { Arms = [arm with { CostPerContact = -1 }] })).Select(v => $"{v.Field}:{v.Rule}"));
    }
}
