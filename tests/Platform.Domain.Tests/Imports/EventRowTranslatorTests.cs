using Platform.Domain.Imports;

namespace Platform.Domain.Tests.Imports;

public sealed class EventRowTranslatorTests
{
    // The shape of a public e-commerce log (RetailRocket's events.csv): epoch milliseconds, its own names for everything.
    private static readonly EventFileMapping Log = new(
        [new("occurredAt", "timestamp"), new("userId", "visitorid"), new("type", "event"), new("itemId", "itemid")],
        [new("view", "VIEW"), new("addtocart", "ADD_TO_CART"), new("transaction", "PURCHASE")],
        EventFileMapping.UnixMilliseconds);

    [Fact]
    public void MappedColumnsTakeTheirFieldsNamesTypeValuesTheirTypesAndTimesBecomeIsoInUtc()
    {
        var row = Row(("timestamp", "1433221332117"), ("visitorid", "257597"), ("event", "transaction"), ("itemid", "355908"), ("transactionid", "4000"));

        var cells = new EventRowTranslator(Log).Translate(row).Cells!;

        Assert.Equal(("257597", "PURCHASE", "2015-06-02T05:02:12.1170000Z", "355908", "4000"),
            (cells["userId"], cells["type"], cells["occurredAt"], cells["itemId"], cells["transactionid"]));
        Assert.Equal(RowMappers.ContentId(row), cells["eventId"]); // from the row as the file has it
    }

    [Theory]
    [InlineData("12/1/2010 8:26", "2010-12-01T08:26:00.0000000Z")] // GMT in winter
    [InlineData("6/1/2011 8:26", "2011-06-01T07:26:00.0000000Z")] // BST in summer
    public void ADatePatternIsReadInItsTimeZone(string written, string utc)
    {
        var translator = new EventRowTranslator(new EventFileMapping(TimeFormat: "M/d/yyyy H:mm", TimeZone: "Europe/London"));

        Assert.Equal(utc, translator.Translate(Row(("occurred_at", written), ("user_id", "17850"), ("type", "PURCHASE"))).Cells!["occurredAt"]);
    }

    [Fact]
    public void ShiftingToNowMovesEveryEventByTheSameAmountAndKeepsTheirIds()
    {
        var translator = new EventRowTranslator(Log with { ShiftToNow = true });
        var (first, last) = (Row(("timestamp", "1433221332000"), ("visitorid", "1"), ("event", "view")), Row(("timestamp", "1433224932000"), ("visitorid", "1"), ("event", "view")));
        translator.Observe(first);
        translator.Observe(last);

        translator.ShiftTo(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal("2026-12-06T11:00:00.0000000Z", translator.Translate(first).Cells!["occurredAt"]); // an hour before the latest
        Assert.Equal("2026-12-06T12:00:00.0000000Z", translator.Translate(last).Cells!["occurredAt"]);
        Assert.Equal(new EventRowTranslator(Log).Translate(first).Cells!["eventId"], translator.Translate(first).Cells!["eventId"]);
    }

    [Fact]
    public void AnOrdersFileWithoutTypeOrCurrencyColumnsTakesThemFromConstants()
    {
        var translator = new EventRowTranslator(new EventFileMapping(
            [new("userId", "customer_id"), new("itemId", "article_id"), new("amount", "price"), new("occurredAt", "t_dat")],
            TimeFormat: "yyyy-MM-dd",
            Constants: [new("type", "PURCHASE"), new("currency", "EUR")]));

        var cells = translator.Translate(Row(("t_dat", "2018-09-20"), ("customer_id", "000058a1"), ("article_id", "0663713001"), ("price", "0.0508"))).Cells!;

        Assert.Equal(("PURCHASE", "EUR", "2018-09-20T00:00:00.0000000Z", "0.0508"), (cells["type"], cells["currency"], cells["occurredAt"], cells["amount"]));
        Assert.Contains("currency", translator.Fields(["t_dat", "customer_id", "article_id", "price"]));
    }

    [Fact]
    public void ATimeNotWrittenAsStatedIsRejectedNamingTheFormat()
    {
        var outcome = new EventRowTranslator(Log).Translate(Row(("timestamp", "2015-06-02"), ("visitorid", "1"), ("event", "view")));

        var violation = Assert.Single(outcome.Violations);
        Assert.Equal(("occurredAt", "format", "occurredAt '2015-06-02' is not a time written as milliseconds since 1970-01-01 UTC."), (violation.Field, violation.Rule, violation.Message));
        Assert.Null(outcome.Cells);
    }

    [Fact]
    public void AColumnNamedLikeAMappedFieldGivesWayToTheMapping()
    {
        var translator = new EventRowTranslator(Log);

        var cells = translator.Translate(Row(("visitorid", "mapped"), ("user_id", "not this one"), ("event", "view"), ("timestamp", "0"))).Cells!;

        Assert.Equal("mapped", cells["userId"]);
        Assert.Equal(["occurredAt", "userId", "type"], translator.Fields(["timestamp", "visitorid", "user_id", "event"]));
    }

    private static Dictionary<string, string?> Row(params (string Column, string Value)[] cells) =>
        cells.ToDictionary(c => c.Column, c => (string?)c.Value, StringComparer.Ordinal);
}
