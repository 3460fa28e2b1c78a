using Platform.Domain.Errors;
using Platform.Domain.Events;

namespace Platform.Domain.Tests;

public sealed class EventValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(365);

    [Fact]
    public void AValidPurchaseBecomesAnEvent()
    {
        var (validated, violations) = Validate(Purchase() with { Properties = new Dictionary<string, string> { ["order"] = "A-1" } });

        Assert.Empty(violations);
        Assert.Equal(EventType.Purchase, validated!.Type);
        Assert.Equal(Now.AddHours(-1), validated.OccurredAt);
        Assert.Equal(19.99m, validated.Amount);
        Assert.Equal("A-1", validated.Properties!["order"]);
    }

    [Theory]
    [InlineData("VIEW", "itemId")]
    [InlineData("SEARCH", "query")]
    [InlineData("CLICK", "itemId")]
    [InlineData("ADD_TO_CART", "itemId")]
    [InlineData("REMOVE_FROM_CART", "itemId")]
    [InlineData("REVIEW", "itemId")]
    [InlineData("CAMPAIGN_EXPOSURE", "campaignId")]
    [InlineData("CAMPAIGN_CLICK", "campaignId")]
    [InlineData("COUPON_CLAIM", "campaignId")]
    [InlineData("COUPON_REDEEM", "campaignId")]
    public void EachTypeNamesTheFieldItNeeds(string type, string field)
    {
        var (_, violations) = Validate(new EventDraft("e1", "u1", type, "2026-11-27T11:00:00Z"));

        Assert.Contains(violations, v => v.Field == field && v.Rule == "required_for_type");
    }

    [Fact]
    public void AViewOfACategoryNeedsNoItem()
    {
        var (_, violations) = Validate(new EventDraft("e1", "u1", "VIEW", "2026-11-27T11:00:00Z", CategoryId: "shoes"));

        Assert.Empty(violations);
    }

    [Fact]
    public void AmountsKeepAtMostFourDecimalsAndTimesBecomeUtc()
    {
        var (_, violations) = Validate(Purchase() with { Amount = 1.00001m });
        var (validated, _) = Validate(Purchase() with { OccurredAt = "2026-11-27T13:00:00+02:00" });

        Assert.Equal("too_precise", violations.Single().Rule);
        Assert.Equal(TimeSpan.Zero, validated!.OccurredAt.Offset);
        Assert.Equal(Now.AddHours(-1), validated.OccurredAt);
    }

    [Theory]
    [InlineData("3.5", null)]
    [InlineData("0.5", null)]
    [InlineData("5", null)]
    [InlineData("0.4", "out_of_range")]
    [InlineData("5.5", "out_of_range")]
    [InlineData("4.25", "too_precise")]
    public void RatingsAreWholeOrHalfStarsFromHalfToFive(string rating, string? rule)
    {
        var (_, violations) = Validate(new EventDraft("e1", "u1", "REVIEW", "2026-11-27T11:00:00Z", ItemId: "sku", Rating: decimal.Parse(rating, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(rule, violations.SingleOrDefault()?.Rule);
    }

    [Fact]
    public void ARatingFoldsTheSameWhateverItsTrailingZeros()
    {
        var (sent, _) = Validate(new EventDraft("e1", "u1", "REVIEW", "2026-11-27T11:00:00Z", ItemId: "sku", Rating: 4.0m));

        Assert.Equal("4", sent!.Rating!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); // as the log's numeric(2, 1) reads back, canonical
    }

    [Fact]
    public void AnAmountWithoutCurrencyIsExplainedOnce()
    {
        var (_, violations) = Validate(Purchase() with { Currency = null });

        Assert.Equal("currency:required_with_amount", violations.Select(v => $"{v.Field}:{v.Rule}").Single());
    }

    [Fact]
    public void APurchaseWithoutAnAmountIsAnOrderOfUnknownValue()
    {
        var (validated, violations) = Validate(new EventDraft("e1", "u1", "PURCHASE", "2026-11-27T11:00:00Z", ItemId: "sku"));

        Assert.Empty(violations);
        Assert.Null(validated!.Amount);
    }

    [Fact]
    public void EveryBrokenRuleIsReportedAtOnce()
    {
        var (validated, violations) = Validate(new EventDraft(null, "", "TELEPORT", "yesterday", Rating: 6, Quantity: 0));

        Assert.Null(validated);
        Assert.Equal(
            ["eventId:required", "occurredAt:format", "quantity:out_of_range", "rating:out_of_range", "type:unknown_type", "userId:required"],
            violations.Select(v => $"{v.Field}:{v.Rule}").Order());
    }

    [Theory]
    [InlineData("2026-11-27T12:04:59Z", null)]
    [InlineData("2026-11-27T12:05:01Z", "in_future")]
    [InlineData("2025-11-26T11:59:59Z", "before_horizon")]
    [InlineData("2026-11-27T13:00:00+02:00", null)]
    [InlineData("2026-11-27T11:00:00", "format")]
    [InlineData("27/11/2026", "format")]
    [InlineData("11/27/2026 10:15:00 +01:00", "format")]
    [InlineData("2026-11-27T11:00:00.123z", null)]
    public void TimestampsNeedAnOffsetAndMustFallInsideTheWindow(string occurredAt, string? rule)
    {
        var (_, violations) = Validate(Purchase() with { OccurredAt = occurredAt });

        Assert.Equal(rule, violations.SingleOrDefault(v => v.Field == "occurredAt")?.Rule);
    }

    [Theory]
    [InlineData(-0.01, "EUR", "amount", "out_of_range")]
    [InlineData(5, "eur", "currency", "format")]
    [InlineData(5, "EURO", "currency", "format")]
    public void MoneyMustBeNonNegativeWithACurrencyCode(double amount, string currency, string field, string rule)
    {
        var (_, violations) = Validate(Purchase() with { Amount = (decimal)amount, Currency = currency });

        Assert.Equal((field, rule), (violations.Single().Field, violations.Single().Rule));
    }

    [Theory]
    [InlineData(double.NaN, "not_finite")]
    [InlineData(double.PositiveInfinity, "not_finite")]
    [InlineData(-1, "out_of_range")]
    [InlineData(86_401, "out_of_range")]
    public void DurationsAreFiniteAndBounded(double seconds, string rule)
    {
        var (_, violations) = Validate(Purchase() with { DurationSeconds = seconds });

        Assert.Equal(rule, violations.Single().Rule);
    }

    [Fact]
    public void PropertiesAreLimitedInNumberNameAndSize()
    {
        var many = Enumerable.Range(0, 21).ToDictionary(i => $"k{i}", i => "v");
        var badKey = new Dictionary<string, string> { ["bad key"] = "v" };
        var longValue = new Dictionary<string, string> { ["note"] = new string('x', 257) };

        Assert.Contains(Validate(Purchase() with { Properties = many }).Violations, v => v.Rule == "too_many");
        Assert.Equal("format", Validate(Purchase() with { Properties = badKey }).Violations.Single().Rule);
        Assert.Equal("too_long", Validate(Purchase() with { Properties = longValue }).Violations.Single().Rule);
    }

    [Theory]
    [InlineData(" padded")]
    [InlineData("tab\there")]
    [InlineData("\u202Eevil")] // a right-to-left override
    [InlineData("a\u2066b")] // an isolate
    public void IdentifiersHaveNoControlCharactersOrPadding(string userId)
    {
        var (_, violations) = Validate(Purchase() with { UserId = userId });

        Assert.Equal(("userId", "format"), (violations.Single().Field, violations.Single().Rule));
    }

    [Fact]
    public void FreeTextMayHoldAnythingButNul()
    {
        var search = new EventDraft("e2", "u1", "SEARCH", "2026-11-27T11:00:00Z", Query: "a\0b");
        var (_, query) = Validate(search);
        var (_, property) = Validate(Purchase() with { Properties = new Dictionary<string, string> { ["note"] = "x\0" } });
        var (accepted, none) = Validate(search with { Query = "shoes\t\u202E" });

        Assert.Equal(("query", "format"), (query.Single().Field, query.Single().Rule));
        Assert.Equal(("properties.note", "format"), (property.Single().Field, property.Single().Rule));
        Assert.Empty(none);
        Assert.NotNull(accepted);
    }

    [Fact]
    public void LongIdentifiersAreRefused()
    {
        var (_, violations) = Validate(Purchase() with { EventId = new string('e', 129) });

        Assert.Equal(("eventId", "too_long"), (violations.Single().Field, violations.Single().Rule));
    }

    private static EventDraft Purchase() => new("e1", "u1", "PURCHASE", "2026-11-27T11:00:00Z", Amount: 19.99m, Currency: "EUR");

    private static (BehaviorEvent? Event, IReadOnlyList<Violation> Violations) Validate(EventDraft draft) =>
        EventValidator.Validate(draft, Now, Horizon);

    [Theory]
    [InlineData("28.3600", "28.36")]
    [InlineData("100.00", "100")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("1000000000", "1000000000")]
    public void AnAmountIsKeptWithoutTrailingZerosSoTheLogsFourDecimalsFoldTheSame(string stored, string canonical) =>
        Assert.Equal(canonical, EventRules.Canonical(decimal.Parse(stored, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
