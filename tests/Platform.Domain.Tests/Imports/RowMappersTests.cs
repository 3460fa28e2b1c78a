using Platform.Domain.Imports;
using Platform.Domain.Users;

namespace Platform.Domain.Tests.Imports;

public sealed class RowMappersTests
{
    [Fact]
    public void UserColumnsMatchWhateverTheirCaseOrSeparators()
    {
        var cells = new Dictionary<string, string?> { ["User_ID"] = "u1", ["Age"] = "34", ["signup-date"] = "2024-01-02", ["tags"] = "vip; early", ["ltv"] = "12.5" };

        var (draft, violations) = RowMappers.User(cells, [new AttributeDefinition("ltv", AttributeKind.Numeric)], ["imported"]);

        Assert.Empty(violations);
        Assert.Equal(("u1", 34, "2024-01-02"), (draft.UserId, draft.Age, draft.SignupDate));
        Assert.Equal(["vip", "early", "imported"], draft.Tags);
        Assert.Equal(12.5, draft.Attributes!.Single().Number);
    }

    [Fact]
    public void WholeNumbersWrittenWithAZeroFractionReadAsWholeAndRatingsKeepTheirHalves()
    {
        Dictionary<string, string?> Row(string quantity, string rating) =>
            new() { ["userId"] = "u1", ["type"] = "REVIEW", ["occurredAt"] = "2026-01-01T00:00:00Z", ["itemId"] = "sku", ["quantity"] = quantity, ["rating"] = rating };

        var (exported, clean) = RowMappers.Event(Row("2.0", "3.5"));
        var (_, broken) = RowMappers.Event(Row("2.5", "4.0"));
        var counts = new CellReader(new Dictionary<string, string?> { ["orders"] = "3.0", ["refunds"] = "-1.0" });

        Assert.Empty(clean);
        Assert.Equal((2, 3.5m), (exported.Quantity, exported.Rating));
        Assert.Equal("quantity:not_integer", broken.Select(v => $"{v.Field}:{v.Rule}").Single());
        Assert.Equal((3, null), (counts.Count("orders"), counts.Count("refunds")));
        Assert.Equal("refunds:not_count", counts.Violations.Single() is var v ? $"{v.Field}:{v.Rule}" : null);
    }

    [Theory]
    [InlineData("22.200000000000003", "22.2")]
    [InlineData("0.30000000000000004", "0.3")]
    [InlineData("1.2345", "1.2345")]
    [InlineData("1.23456", "1.23456")] // a real fifth decimal: kept, and refused by the event rules
    public void AnAmountPrintedFromAFloatLosesItsNoiseButNotARealDecimal(string cell, string amount)
    {
        var (draft, violations) = RowMappers.Event(new Dictionary<string, string?> { ["userId"] = "u1", ["type"] = "PURCHASE", ["occurredAt"] = "2026-01-01T00:00:00Z", ["amount"] = cell, ["currency"] = "GBP" });

        Assert.Empty(violations);
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), draft.Amount);
    }

    [Fact]
    public void CategoryPathsSplitOnArrowsOrSlashes()
    {
        var (draft, _) = RowMappers.Item(new Dictionary<string, string?> { ["id"] = "sku", ["categoryPath"] = "Home > Kitchen/Knives" });

        Assert.Equal(["Home", "Kitchen", "Knives"], draft.CategoryPath);
    }

    [Fact]
    public void EventsWithoutAnIdGetOneFromTheirContent()
    {
        Dictionary<string, string?> Row(string type) => new() { ["userId"] = "u1", ["type"] = type, ["occurredAt"] = "2026-01-01T00:00:00Z" };

        var first = RowMappers.Event(Row("VIEW")).Draft;
        var again = RowMappers.Event(Row("VIEW")).Draft;
        var other = RowMappers.Event(Row("CLICK")).Draft;
        var lower = RowMappers.Event(Row("view")).Draft;

        Assert.Equal("view", lower.Type); // passed on as given: the validator refuses it as ingestEvents does
        Assert.Equal(first.EventId, again.EventId);
        Assert.NotEqual(first.EventId, other.EventId);
    }

    [Fact]
    public void AnEventsPropertiesCellIsAJsonObjectOfScalarsTheLastOfARepeatedNameWinning()
    {
        var (draft, violations) = RowMappers.Event(EventRow("""{"channel":"EMAIL","items":3,"gift":true,"channel":"SMS"}"""));

        Assert.Empty(violations);
        Assert.Equal(new Dictionary<string, string> { ["channel"] = "SMS", ["items"] = "3", ["gift"] = "true" }, draft.Properties);
        Assert.Null(RowMappers.Event(EventRow(null)).Draft.Properties);
    }

    [Theory]
    [InlineData("channel=EMAIL", "properties", "not_json_object")]
    [InlineData("""["EMAIL"]""", "properties", "not_json_object")]
    [InlineData("\"EMAIL\"", "properties", "not_json_object")]
    [InlineData("{\"channel\":\"EMAIL\"", "properties", "not_json_object")]
    [InlineData("""{"channel":{"name":"EMAIL"}}""", "properties.channel", "not_scalar")]
    [InlineData("""{"channel":null}""", "properties.channel", "not_scalar")]
    [InlineData("""{"bad":"\ud800"}""", "properties.bad", "format")]
    [InlineData("""{"\udc00":"x"}""", "properties", "format")]
    public void APropertiesCellThatIsNotAFlatObjectIsAViolationNamingItsPlace(string cell, string field, string rule)
    {
        var violation = Assert.Single(RowMappers.Event(EventRow(cell)).Violations);

        Assert.Equal((field, rule), (violation.Field, violation.Rule));
    }

    [Fact]
    public void ALongNameIsShortenedInTheFieldWithoutSplittingACharacter()
    {
        var name = new string('a', 39) + "😀"; // the cut at 40 would fall between the emoji's two halves

        var violation = Assert.Single(RowMappers.Event(EventRow($$"""{"{{name}}":null}""")).Violations);

        Assert.Equal("properties." + new string('a', 39) + "…", violation.Field);
    }

    private static Dictionary<string, string?> EventRow(string? properties) =>
        new() { ["eventId"] = "e1", ["userId"] = "u1", ["type"] = "VIEW", ["occurredAt"] = "2026-01-01T00:00:00Z", ["properties"] = properties };
}
