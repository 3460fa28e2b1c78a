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
    [InlineData(1, 10, "1", "0.5")]
    [InlineData(1, 10, "7", "3.5")] // a scale of ten becomes half stars
    [InlineData(1, 10, "10", "5.0")]
    [InlineData(0, 10, "7", "3.7")] // 3.65, rounded away from zero
    [InlineData(-10, 10, "-2.5", "2.2")] // a continuous scale (Jester's jokes): 2.1875
    [InlineData(1, 10, "seven", "seven")] // not a number: the event rules reject it as they would
    public void RatingsOnTheFilesScaleMoveOntoThePlatforms(int min, int max, string written, string stored)
    {
        var translator = new EventRowTranslator(new EventFileMapping(RatingScale: new RatingScale(min, max)));

        Assert.Equal(stored, translator.Translate(Row(("userId", "u"), ("type", "REVIEW"), ("rating", written))).Cells!["rating"]);
    }

    [Theory]
    [InlineData("0")] // Book-Crossing's "no rating" under a scale of 1 to 10
    [InlineData("11")]
    public void ARatingOutsideTheFilesScaleIsRejected(string written)
    {
        var outcome = new EventRowTranslator(new EventFileMapping(RatingScale: new RatingScale(1, 10))).Translate(Row(("userId", "u"), ("type", "REVIEW"), ("rating", written)));

        Assert.Equal(("rating", "out_of_range"), (outcome.Violations.Single().Field, outcome.Violations.Single().Rule));
        Assert.Equal($"rating {written} is outside the file's scale, 1 to 10 (options.events.ratingScale).", outcome.Violations.Single().Message);
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

    [Theory]
    [InlineData("2.55", "6", "15.30")]
    [InlineData("2.55", null, "2.55")] // one unit when the row has no quantity
    [InlineData("2.55", "6.0", "15.30")] // a whole quantity as dataframe exports write it
    public void ALinesAmountIsItsUnitPriceTimesItsQuantity(string price, string? quantity, string amount)
    {
        // The shape of the classic public retail log: invoice lines with a unit price, local times, no currency.
        var translator = new EventRowTranslator(new EventFileMapping(
            [new("userId", "CustomerID"), new("itemId", "StockCode"), new("quantity", "Quantity"), new("unitPrice", "UnitPrice"), new("occurredAt", "InvoiceDate")],
            TimeFormat: "M/d/yyyy H:mm", TimeZone: "Europe/London", Constants: [new("type", "PURCHASE"), new("currency", "GBP")]));
        var row = Row(("InvoiceNo", "536365"), ("StockCode", "85123A"), ("InvoiceDate", "12/1/2010 8:26"), ("UnitPrice", price), ("CustomerID", "17850"));
        if (quantity is not null)
        {
            row["Quantity"] = quantity;
        }

        Assert.Equal(amount, translator.Translate(row).Cells!["amount"]);
        row["UnitPrice"] = "n/a";
        Assert.Equal("unitPrice:not_numeric", translator.Translate(row).Violations.Select(v => $"{v.Field}:{v.Rule}").Single());
        (row["UnitPrice"], row["Quantity"]) = ("70000000000000000000000000000", "12"); // beyond what an amount can hold
        Assert.Equal("unitPrice:not_numeric", translator.Translate(row).Violations.Select(v => $"{v.Field}:{v.Rule}").Single());
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
        Assert.Equal(["user_id"], translator.Shadowed(["timestamp", "visitorid", "user_id", "event"])); // reported as ignored
    }

    [Fact]
    public void ShiftedIsoTimesAreReadAsStrictlyAsTheApiReadsThem()
    {
        var translator = new EventRowTranslator(new EventFileMapping(ShiftToNow: true));
        var stated = Row(("occurred_at", "2015-06-02T10:00:00+02:00"), ("userId", "1"), ("type", "VIEW"));
        translator.Observe(stated); // an unmapped occurred_at column is the time column, here too
        translator.Observe(Row(("occurred_at", "2099-01-01 10:00"), ("userId", "1"), ("type", "VIEW"))); // no offset: not a time the API takes
        translator.ShiftTo(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal("2026-12-06T12:00:00.0000000Z", translator.Translate(stated).Cells!["occurredAt"]);
        Assert.Equal("format", Assert.Single(translator.Translate(Row(("occurred_at", "10:00"), ("userId", "1"), ("type", "VIEW"))).Violations).Rule);
    }

    [Fact]
    public void ShiftingAFileWithoutAReadableTimeFailsTheImportWithAReason()
    {
        var translator = new EventRowTranslator(Log with { ShiftToNow = true });
        translator.Observe(Row(("timestamp", "yesterday"), ("visitorid", "1"), ("event", "view")));

        var failure = Assert.Throws<ImportMappingException>(() => translator.ShiftTo(DateTimeOffset.UtcNow));
        Assert.Contains("milliseconds since 1970-01-01 UTC", failure.Message);
    }

    [Fact]
    public void TimesOutsideWhatCanBeHeldAreRejectedRowByRow()
    {
        var seconds = new EventRowTranslator(new EventFileMapping(TimeFormat: EventFileMapping.UnixSeconds));
        Assert.Equal("format", Assert.Single(seconds.Translate(Row(("occurredAt", "-100000000000"), ("userId", "1"), ("type", "VIEW"))).Violations).Rule);
        Assert.Equal("format", Assert.Single(seconds.Translate(Row(("occurredAt", "70000000000000000000000000000"), ("userId", "1"), ("type", "VIEW"))).Violations).Rule);

        // A placeholder date far ahead decides the shift: the real rows would fall before year 1.
        var shifted = new EventRowTranslator(new EventFileMapping(TimeFormat: "yyyy-MM-dd", ShiftToNow: true));
        var (placeholder, real) = (Row(("occurredAt", "9999-12-31"), ("userId", "1"), ("type", "VIEW")), Row(("occurredAt", "2018-09-20"), ("userId", "1"), ("type", "VIEW")));
        shifted.Observe(placeholder);
        shifted.Observe(real);
        shifted.ShiftTo(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal("out_of_range", Assert.Single(shifted.Translate(real).Violations).Rule);
    }

    [Fact]
    public void TypeValuesMatchWithoutTheSpacesAroundThemAndAnEmptyEventIdCellTakesTheRowsId()
    {
        var translator = new EventRowTranslator(new EventFileMapping(Types: [new(" view ", "VIEW")]));
        var row = Row(("occurredAt", "2026-12-01T10:00:00Z"), ("userId", "1"), ("type", "view"), ("eventId", ""));

        var cells = translator.Translate(row).Cells!;

        Assert.Equal(("VIEW", RowMappers.ContentId(row)), (cells["type"], cells["eventId"]));
    }

    [Fact]
    public void APatternWithAnOptionalOffsetReadsACellWithoutOneAsUtc()
    {
        var translator = new EventRowTranslator(new EventFileMapping(TimeFormat: "yyyy-MM-dd HH:mmK"));

        Assert.Equal("2026-12-01T10:00:00.0000000Z", translator.Translate(Row(("occurredAt", "2026-12-01 10:00"), ("userId", "1"), ("type", "VIEW"))).Cells!["occurredAt"]);
        Assert.Equal("2026-12-01T08:00:00.0000000Z", translator.Translate(Row(("occurredAt", "2026-12-01 10:00+02:00"), ("userId", "1"), ("type", "VIEW"))).Cells!["occurredAt"]);
    }

    private static Dictionary<string, string?> Row(params (string Column, string Value)[] cells) =>
        cells.ToDictionary(c => c.Column, c => (string?)c.Value, StringComparer.Ordinal);
}
