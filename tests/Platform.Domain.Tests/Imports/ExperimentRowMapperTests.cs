using Platform.Domain.Campaigns;
using Platform.Domain.Imports;
using Platform.Domain.Users;

namespace Platform.Domain.Tests.Imports;

public sealed class ExperimentRowMapperTests
{
    private static readonly ExperimentMapping Mapping = new(
        "spring", "customer", "group", ["ctrl"],
        [new ArmDesign("a", "ten off", CampaignType.PercentOff, 10), new ArmDesign("b", "free ship", CampaignType.FreeShipping)],
        ConversionColumn: "orders", RevenueColumn: "revenue");

    private static readonly string[] Header = ["customer", "group", "orders", "revenue", "Weeks Since Visit", "channel"];

    [Fact]
    public void FeaturesAreEveryNonOutcomeColumnTypedByTheirValues()
    {
        var statistics = new Dictionary<string, ColumnStatistics>
        {
            ["Weeks Since Visit"] = Measure("1", "2.5"),
            ["channel"] = Measure("web", "3"),
        };

        var schema = ExperimentRowMapper.FeatureSchema(Mapping, Header, statistics);

        Assert.Equal([new AttributeDefinition("weeks_since_visit", AttributeKind.Numeric), new AttributeDefinition("channel", AttributeKind.Categorical)], schema);
    }

    [Theory]
    [InlineData("a", 0)]
    [InlineData("b", 1)]
    [InlineData("ctrl", null)]
    public void AssignmentValuesPickTheArm(string group, int? treatmentIndex)
    {
        var (row, violations) = Mapper().Map(2, Cells(group: group));

        Assert.Empty(violations);
        Assert.Equal(treatmentIndex, row!.Arm.TreatmentIndex);
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("yes", 1)]
    [InlineData("0", 0)]
    public void ConversionsAreCountsOrFlags(string orders, int expected)
    {
        Assert.Equal(expected, Mapper().Map(2, Cells(orders: orders)).Row!.Conversions);
    }

    [Theory]
    [InlineData("3", 30.0)]
    [InlineData("yes", 10.0)]
    [InlineData("0", 0.0)]
    public void WithAConversionsValueRevenueIsConversionsTimesIt(string orders, double expected)
    {
        var mapper = new ExperimentRowMapper(Mapping with { RevenueColumn = null, ConversionValue = 10m }, []);

        Assert.Equal((decimal)expected, mapper.Map(2, Cells(orders: orders, revenue: "999")).Row!.Revenue);
    }

    [Fact]
    public void EveryBrokenRuleOfARowIsReportedByColumn()
    {
        var (row, violations) = Mapper().Map(2, Cells(customer: null, group: "z", orders: "-1", revenue: "-5", weeks: "soon"));

        Assert.Null(row);
        Assert.Equal(
            ["customer:required", "group:unknown_arm", "orders:not_count", "revenue:out_of_range", "Weeks Since Visit:not_numeric"],
            violations.Select(v => $"{v.Field}:{v.Rule}"));
    }

    [Fact]
    public void WithoutAnIdColumnTheCustomerIsNamedByTheExperimentAndTheLine()
    {
        var mapper = new ExperimentRowMapper(Mapping with { Name = "Spring Sale 2026", UserIdColumn = null }, []);
        var cells = Cells(customer: null);

        var (second, third) = (mapper.Map(2, cells), mapper.Map(3, cells));

        Assert.Empty(second.Violations);
        Assert.Equal(("spring-sale-2026-2", "spring-sale-2026-3"), (second.Row!.UserId, third.Row!.UserId));
        var noStatistics = new Dictionary<string, ColumnStatistics>();
        Assert.Equal(["customer", "weeks_since_visit", "channel"], ExperimentRowMapper.FeatureSchema(Mapping with { UserIdColumn = null }, Header, noStatistics).Select(a => a.Name));
        Assert.Equal(["customer", "weeks_since_visit"], ExperimentRowMapper.FeatureSchema(Mapping with { UserIdColumn = null }, Header, noStatistics, unbalanced: ["channel"]).Select(a => a.Name));
    }

    [Theory]
    [InlineData("Weeks Since Visit", "weeks_since_visit")]
    [InlineData("2nd-order", "f_2nd_order")]
    [InlineData("__x__", "x")]
    public void ColumnNamesBecomeAttributeNames(string column, string expected)
    {
        Assert.Equal(expected, ExperimentRowMapper.AttributeName(column));
    }

    private static ExperimentRowMapper Mapper() =>
        new(Mapping, [new AttributeDefinition("weeks_since_visit", AttributeKind.Numeric), new AttributeDefinition("channel", AttributeKind.Categorical)]);

    private static Dictionary<string, string?> Cells(string? customer = "c1", string group = "a", string orders = "1", string revenue = "12.5", string weeks = "2") =>
        new() { ["customer"] = customer, ["group"] = group, ["orders"] = orders, ["revenue"] = revenue, ["Weeks Since Visit"] = weeks, ["channel"] = "web" };

    private static ColumnStatistics Measure(params string[] values)
    {
        var statistics = new ColumnStatistics();
        foreach (var value in values)
        {
            statistics.Add(value);
        }

        return statistics;
    }
}
