using System.Text.Json;
using Platform.Domain.Events;
using Platform.Domain.Trackers;
using Platform.Domain.Users;

namespace Platform.Domain.Tests.Trackers;

/// <summary>The mapping of the Segment e-commerce spec, on the spec's own published example payloads.</summary>
public sealed class TrackerMappingTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheSpecsOrderCompletedExampleIsOnePurchasePerProductAddingUpToTheRevenue()
    {
        var message = Map(Track("Order Completed", """
            {
              "checkout_id": "fksdjfsdjfisjf9sdfjsd9f", "order_id": "50314b8e9bcf000000000000", "affiliation": "Google Store",
              "total": 27.50, "subtotal": 22.50, "revenue": 25.00, "shipping": 3, "tax": 2, "discount": 2.5,
              "coupon": "hasbros", "currency": "USD",
              "products": [
                { "product_id": "507f1f77bcf86cd799439011", "sku": "45790-32", "name": "Monopoly: 3rd Edition", "price": 19, "quantity": 1,
                  "category": "Games", "url": "https://www.example.com/product/path", "image_url": "https:///www.example.com/product/path.jpg" },
                { "product_id": "505bd76785ebb509fc183733", "sku": "46493-32", "name": "Uno Card Game", "price": 3, "quantity": 2, "category": "Games" }
              ]
            }
            """));

        Assert.Empty(message.Problems);
        var lines = message.Events.Select(e => e.Draft).ToList();
        Assert.Equal(["m-1#1", "m-1#2"], lines.Select(l => l.EventId));
        Assert.All(lines, l => Assert.Equal("PURCHASE", l.Type));
        Assert.Equal(["507f1f77bcf86cd799439011", "505bd76785ebb509fc183733"], lines.Select(l => l.ItemId));
        Assert.Equal([1, 2], lines.Select(l => l.Quantity));
        Assert.Equal([19m, 6m], lines.Select(l => l.Amount));
        Assert.All(lines, l => Assert.Equal("USD", l.Currency));
        Assert.All(lines, l => Assert.Equal("Games", l.CategoryId));
        Assert.Equal("hasbros", lines[0].Properties!["coupon"]);
        Assert.Equal("50314b8e9bcf000000000000", lines[1].Properties!["order_id"]);
        Assert.Equal("Uno Card Game", lines[1].Properties!["product_name"]);
        Assert.All(lines, l => Assert.Null(EventValidator.Validate(l, ReceivedAt, TimeSpan.FromDays(365)).Violations.FirstOrDefault()));
    }

    [Fact]
    public void OrderLinesShareTheRevenueByPriceTimesQuantityAndAddUpExactly()
    {
        var message = Map(Track("Order Completed", """
            { "revenue": 10, "currency": "eur", "products": [ { "product_id": "a", "price": 1 }, { "product_id": "b", "price": 1 }, { "product_id": "c", "price": 1 } ] }
            """));

        var amounts = message.Events.Select(e => e.Draft.Amount!.Value).ToList();
        Assert.Equal(10m, amounts.Sum());
        Assert.Equal([3.3334m, 3.3333m, 3.3333m], amounts);
        Assert.All(message.Events, e => Assert.Equal("EUR", e.Draft.Currency));
    }

    [Fact]
    public void AFreeProductGetsNothingAndNoLineGoesBelowZero()
    {
        var message = Map(Track("Order Completed", """
            { "revenue": 20, "currency": "EUR", "products": [ { "product_id": "a", "price": 1 }, { "product_id": "b", "price": 1 }, { "product_id": "c", "price": 1 }, { "product_id": "gift", "price": 0 } ] }
            """));

        var amounts = message.Events.Select(e => e.Draft.Amount!.Value).ToList();
        Assert.Equal(20m, amounts.Sum());
        Assert.Equal([6.6667m, 6.6667m, 6.6666m, 0m], amounts);
    }

    [Theory]
    [InlineData("""{ "revenue": 1e28, "currency": "EUR", "products": [ { "product_id": "a", "price": 1e28, "quantity": 10 } ] }""", "out_of_range")]
    [InlineData("""{ "revenue": 10.00001, "currency": "EUR", "products": [ { "product_id": "a", "price": 1 } ] }""", "too_precise")]
    public void AnOrderValueThatCannotBeSharedIsRefusedNotThrown(string properties, string rule)
    {
        var message = Map(Track("Order Completed", properties));

        Assert.True(message.IsRefused);
        Assert.Equal(("properties.revenue", rule), (message.Problems[0].Field, message.Problems[0].Rule));
    }

    [Fact]
    public void ANegativePriceIsRefusedAndZeroPricesShareByQuantity()
    {
        var negative = Map(Track("Order Completed", """{ "revenue": 10, "currency": "EUR", "products": [ { "product_id": "a", "price": -1 }, { "product_id": "b", "price": 11 } ] }"""));
        var free = Map(Track("Order Completed", """{ "revenue": 9, "currency": "EUR", "products": [ { "product_id": "a", "price": 0, "quantity": 2 }, { "product_id": "b", "price": 0 } ] }"""));

        Assert.Equal(("properties.products[0].price", "out_of_range"), (negative.Problems[0].Field, negative.Problems[0].Rule));
        Assert.Equal([6m, 3m], free.Events.Select(e => e.Draft.Amount!.Value));
    }

    [Fact]
    public void TagsMustBeTexts()
    {
        var message = Map(Parse("""{ "type": "identify", "userId": "u", "traits": { "tags": ["vip", 5] } }"""));

        Assert.Equal(("traits.tags[1]", "format"), (message.Problems[0].Field, message.Problems[0].Rule));
    }

    [Fact]
    public void AMessageWithAKeyGivenTwiceStillHasAContentId()
    {
        var twice = JsonDocument.Parse("""{ "type": "track", "userId": "u", "userId": "v" }""").RootElement;

        Assert.StartsWith("content-", TrackerMapping.ContentId(twice));
        Assert.NotEqual(TrackerMapping.ContentId(twice), TrackerMapping.ContentId(Parse("""{ "type": "track", "userId": "u" }""")));
    }

    [Fact]
    public void AnOrderWithNeitherRevenueNorTotalNamesRevenue()
    {
        var line = Assert.Single(Map(Track("Order Completed", """{ "currency": "USD" }""")).Events);

        Assert.Null(line.Draft.Amount);
        Assert.Equal("properties.revenue", line.SourceField("amount"));
    }

    [Fact]
    public void WithoutRevenueOrTotalEachLineIsPriceTimesQuantity()
    {
        var message = Map(Track("Order Completed", """{ "currency": "USD", "products": [ { "sku": "s-1", "price": 2.5, "quantity": 4 } ] }"""));

        var line = Assert.Single(message.Events);
        Assert.Equal(10m, line.Draft.Amount);
        Assert.Equal("s-1", line.Draft.ItemId);
        Assert.Equal("properties.products[0].price", line.SourceField("amount"));
    }

    [Fact]
    public void AnOrderWithoutProductsIsOnePurchaseOfItsTotal()
    {
        var message = Map(Track("Order Completed", """{ "total": 42, "currency": "USD" }"""));

        var purchase = Assert.Single(message.Events);
        Assert.Equal("m-1", purchase.Draft.EventId);
        Assert.Equal(42m, purchase.Draft.Amount);
        Assert.Null(purchase.Draft.ItemId);
        Assert.Equal("properties.total", purchase.SourceField("amount"));
    }

    [Fact]
    public void ANegativeRevenueIsRefusedByTheEventRulesNamingTheMessagesField()
    {
        var message = Map(Track("Order Completed", """{ "revenue": -5, "currency": "USD", "products": [ { "product_id": "a", "price": 5 } ] }"""));

        var line = Assert.Single(message.Events);
        var violation = Assert.Single(EventValidator.Validate(line.Draft, ReceivedAt, TimeSpan.FromDays(365)).Violations);
        Assert.Equal("out_of_range", violation.Rule);
        Assert.Equal("properties.revenue", line.SourceField(violation.Field));
    }

    [Fact]
    public void WithoutAnOrderValueALineWithoutAPriceIsAPurchaseOfUnknownValue()
    {
        var message = Map(Track("Order Completed", """{ "currency": "USD", "products": [ { "product_id": "a" }, { "product_id": "b", "price": 3 } ] }"""));

        Assert.False(message.IsRefused);
        Assert.Equal([null, 3m], message.Events.Select(e => e.Draft.Amount));
        Assert.All(message.Events, line => Assert.Empty(EventValidator.Validate(line.Draft, ReceivedAt, TimeSpan.FromDays(365)).Violations));
    }

    [Theory]
    [InlineData("Product Viewed", "VIEW")]
    [InlineData("Viewed Product", "VIEW")]
    [InlineData("Product Clicked", "CLICK")]
    [InlineData("Product Added", "ADD_TO_CART")]
    [InlineData("product added", "ADD_TO_CART")]
    [InlineData("Product Removed", "REMOVE_FROM_CART")]
    public void TheSpecsProductExampleMapsToAnItemEvent(string name, string type)
    {
        var message = Map(Track(name, """
            { "cart_id": "skdjsidjsdkdj29j", "product_id": "507f1f77bcf86cd799439011", "sku": "G-32", "category": "Games",
              "name": "Monopoly: 3rd Edition", "brand": "Hasbro", "variant": "200 pieces", "price": 18.99, "quantity": 1,
              "coupon": "MAYDEALS", "position": 3, "url": "https://www.example.com/product/path", "image_url": "https://www.example.com/product/path.jpg" }
            """));

        var e = Assert.Single(message.Events).Draft;
        Assert.Equal(type, e.Type);
        Assert.Equal("507f1f77bcf86cd799439011", e.ItemId);
        Assert.Equal("Games", e.CategoryId);
        Assert.Equal("Hasbro", e.Properties!["brand"]);
        Assert.Equal("18.99", e.Properties["price"]);
        Assert.Equal(type is "ADD_TO_CART" or "REMOVE_FROM_CART" ? 1 : null, e.Quantity);
    }

    [Fact]
    public void SearchesPromotionsCouponsAndReviewsMapAsTheTableSays()
    {
        var search = Assert.Single(Map(Track("Products Searched", """{ "query": "blue roses" }""")).Events).Draft;
        Assert.Equal(("SEARCH", "blue roses"), (search.Type, search.Query));

        var promotion = Assert.Single(Map(Track("Promotion Viewed", """
            { "promotion_id": "promo_1", "creative": "top_banner_2", "name": "75% store-wide shoe sale", "position": "home_banner_top" }
            """)).Events).Draft;
        Assert.Equal(("CAMPAIGN_EXPOSURE", "promo_1"), (promotion.Type, promotion.CampaignId));
        Assert.Equal("CAMPAIGN_CLICK", Assert.Single(Map(Track("Promotion Clicked", """{ "promotion_id": "promo_1" }""")).Events).Draft.Type);

        var coupon = Assert.Single(Map(Track("Coupon Applied", """
            { "order_id": "50314b8e9bcf000000000000", "cart_id": "923c6bca6c3c1f4f2e5c7d8b", "coupon_id": "may_deals_2016",
              "coupon_name": "May Deals 2016", "discount": 23.32 }
            """)).Events).Draft;
        Assert.Equal(("COUPON_REDEEM", "may_deals_2016"), (coupon.Type, coupon.CampaignId));
        Assert.Null(coupon.Amount);
        Assert.Equal("23.32", coupon.Properties!["discount"]);
        var withCurrency = Assert.Single(Map(Track("Coupon Applied", """{ "coupon_id": "c1", "discount": 5, "currency": "usd" }""")).Events).Draft;
        Assert.Equal((5m, "USD"), (withCurrency.Amount, withCurrency.Currency));

        var review = Assert.Single(Map(Track("Product Reviewed", """
            { "product_id": "507f1f77bcf86cd799439011", "review_id": "kdfjrj39fj39jf3", "review_body": "I love this product", "rating": "5" }
            """)).Events).Draft;
        Assert.Equal(("REVIEW", "507f1f77bcf86cd799439011", 5), (review.Type, review.ItemId, review.Rating));
        Assert.Equal(4.5m, Assert.Single(Map(Track("Product Reviewed", """{ "product_id": "p", "rating": 4.5 }""")).Events).Draft.Rating); // half stars

        var list = Assert.Single(Map(Track("Product List Viewed", """{ "list_id": "hot_deals_1", "category": "Deals" }""")).Events).Draft;
        Assert.Equal(("VIEW", "Deals"), (list.Type, list.CategoryId));
    }

    [Fact]
    public void EventsOutsideTheSpecAndPageCallsAreIgnoredNotRefused()
    {
        var unknown = Map(Track("Checkout Started", "{}"));
        var page = Map(Parse("""{ "type": "page", "name": "Home", "userId": "u1", "messageId": "p-1" }"""));

        Assert.True(unknown.IsIgnored);
        Assert.False(unknown.IsRefused);
        Assert.Equal(TrackerRules.NoMapping, Assert.Single(unknown.Problems).Rule);
        Assert.True(page.IsIgnored);
        Assert.Equal("Home", page.EventName);
    }

    [Fact]
    public void TheShopperIsUserIdElseAnonymousIdAndOneOfThemIsRequired()
    {
        Assert.Equal("anon-1", Map(Parse("""{ "type": "track", "event": "Product Viewed", "anonymousId": "anon-1", "properties": { "product_id": "p" } }""")).UserId);
        Assert.Equal("u-1", Map(Parse("""{ "type": "track", "event": "Product Viewed", "userId": "u-1", "anonymousId": "anon-1", "properties": { "product_id": "p" } }""")).UserId);

        var nobody = Map(Parse("""{ "type": "track", "event": "Product Viewed", "properties": { "product_id": "p" } }"""));
        Assert.True(nobody.IsRefused);
        Assert.Equal(("userId", "required"), (nobody.Problems[0].Field, nobody.Problems[0].Rule));
    }

    [Fact]
    public void TimestampIsUsedAsGivenElseTheOriginalTimestampIsCorrectedForTheClientsClock()
    {
        var given = Map(Parse("""{ "type": "track", "event": "Products Searched", "userId": "u", "timestamp": "2026-11-27T10:00:00.000Z", "properties": { "query": "q" } }"""));
        Assert.Equal("2026-11-27T10:00:00.000Z", given.Events[0].Draft.OccurredAt);

        // The client's clock is 2 hours fast: it says it sent at 13:59:59, 59 s after the event; we received it at 12:00.
        var skewed = Map(Parse("""
            { "type": "track", "event": "Products Searched", "userId": "u", "originalTimestamp": "2026-11-27T13:59:00.000Z",
              "sentAt": "2026-11-27T13:59:59.000Z", "properties": { "query": "q" } }
            """));
        Assert.Equal("2026-11-27T11:59:01.000Z", skewed.Events[0].Draft.OccurredAt);

        // Without a sentAt of its own, the batch's counts: by the client's clock the event came 2 min before the batch was sent.
        var batchSentAt = TrackerMapping.Map(Parse("""
            { "type": "track", "event": "Products Searched", "userId": "u", "originalTimestamp": "2026-11-27T13:59:00.000+02:00", "properties": { "query": "q" } }
            """), null, ReceivedAt, ReceivedAt.AddMinutes(1), []);
        Assert.Equal("2026-11-27T11:58:00.000Z", batchSentAt.Events[0].Draft.OccurredAt);

        var none = Map(Parse("""{ "type": "track", "event": "Products Searched", "userId": "u", "properties": { "query": "q" } }"""));
        Assert.Equal("2026-11-27T12:00:00.000Z", none.Events[0].Draft.OccurredAt);

        var broken = Map(Parse("""{ "type": "track", "event": "Products Searched", "userId": "u", "timestamp": "yesterday", "properties": { "query": "q" } }"""));
        Assert.Equal(("timestamp", "format"), (broken.Problems[0].Field, broken.Problems[0].Rule));

        var absurd = Map(Parse("""
            { "type": "identify", "userId": "u", "originalTimestamp": "0001-01-01T00:00:00Z", "sentAt": "9999-12-31T00:00:00Z" }
            """));
        Assert.Equal(("originalTimestamp", "out_of_range"), (absurd.Problems[0].Field, absurd.Problems[0].Rule));
    }

    [Fact]
    public void MessageIdIsTheEventIdAndAMessageWithoutOneGetsAnIdFromItsContent()
    {
        Assert.Equal("m-1", Map(Track("Products Searched", """{ "query": "q" }""")).Events[0].Draft.EventId);

        var first = Map(Parse("""{ "type": "track", "event": "Products Searched", "userId": "u", "sentAt": "2026-11-27T11:00:00Z", "properties": { "query": "q" } }"""));
        var retried = Map(Parse("""{ "type": "track", "event": "Products Searched", "userId": "u", "sentAt": "2026-11-27T11:00:05Z", "properties": { "query": "q" } }"""));
        var other = Map(Parse("""{ "type": "track", "event": "Products Searched", "userId": "u", "properties": { "query": "r" } }"""));
        Assert.StartsWith("content-", first.MessageId);
        Assert.Equal(first.MessageId, retried.MessageId);
        Assert.NotEqual(first.MessageId, other.MessageId);
    }

    [Fact]
    public void AVeryLongMessageIdStillGivesValidLineIds()
    {
        var ids = TrackerOrders.LineIds(new string('x', 128), 3);

        Assert.All(ids, id => Assert.True(Identifiers.IsValid(id)));
        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public void IdentifyKeepsKnownAndDeclaredTraitsAndListsTheRest()
    {
        var schema = new List<AttributeDefinition> { new("plan", AttributeKind.Categorical), new("logins", AttributeKind.Numeric) };
        var message = TrackerMapping.Map(Parse("""
            { "anonymousId": "507f191e810c19729de860ea", "channel": "browser", "messageId": "022bb90c-bbac-11e4-8dfc-aa07a5b093db",
              "sentAt": "2015-02-23T22:28:55.111Z", "timestamp": "2015-02-23T22:28:55.111Z", "type": "identify", "userId": "97980cfea0067",
              "traits": { "name": "Peter Gibbons", "email": "peter@example.com", "plan": "premium", "logins": 5, "age": 41, "createdAt": "2014-03-01T10:00:00Z",
                          "tags": ["vip"], "address": { "street": "6th St", "city": "San Francisco", "state": "CA", "postalCode": "94103", "country": "USA" } },
              "version": "1.1" }
            """), null, ReceivedAt, null, schema);

        Assert.Empty(message.Problems);
        var user = message.User!;
        Assert.Equal("97980cfea0067", user.UserId);
        Assert.Equal(41, user.Age);
        Assert.Equal("USA", user.Region);
        Assert.Equal("2014-03-01", user.SignupDate);
        Assert.Equal(["vip"], user.Tags!);
        Assert.Equal([("plan", null, "premium"), ("logins", 5.0, null)], user.Attributes!.Select(a => (a.Name, a.Number, a.Text)));
        Assert.Equal(["email", "name"], message.IgnoredTraits);
        Assert.Empty(UserValidator.Validate(user, schema).Violations);
    }

    [Fact]
    public void ABrokenTraitRefusesTheIdentifyNamingTheTrait()
    {
        var message = Map(Parse("""{ "type": "identify", "userId": "u", "traits": { "age": "forty" } }"""));

        Assert.True(message.IsRefused);
        Assert.Equal(("traits.age", "format"), (message.Problems[0].Field, message.Problems[0].Rule));
    }

    [Fact]
    public void AliasNeedsBothIdsAndTwoDifferentUsers()
    {
        var alias = Map(Parse("""{ "type": "alias", "previousId": "anon-1", "userId": "u-1" }""")).Alias;
        Assert.Equal(new TrackerAlias("anon-1", "u-1"), alias);

        Assert.Equal("previousId", Map(Parse("""{ "type": "alias", "userId": "u-1" }""")).Problems[0].Field);
        Assert.Equal("same_user", Map(Parse("""{ "type": "alias", "previousId": "u-1", "userId": "u-1" }""")).Problems[0].Rule);
    }

    [Fact]
    public void WronglyTypedFieldsAreRefusedWithTheirPath()
    {
        var message = Map(Track("Order Completed", """{ "revenue": "lots", "currency": "USD", "products": [ 7 ] }"""));

        Assert.True(message.IsRefused);
        Assert.Contains(message.Problems, p => p.Field == "properties.revenue" && p.Rule == "format");
        Assert.Contains(message.Problems, p => p.Field == "properties.products[0]" && p.Rule == "format");
        Assert.True(Map(Parse("""{ "type": "teleport", "userId": "u" }""")).IsRefused);
        Assert.Equal("message", TrackerMapping.Map(Parse("[1]"), null, ReceivedAt, null, []).Problems[0].Field);
    }

    private static TrackerMessage Map(JsonElement message) => TrackerMapping.Map(message, null, ReceivedAt, null, []);

    private static JsonElement Track(string eventName, string properties) => Parse($$"""
        { "type": "track", "event": "{{eventName}}", "userId": "u-1", "messageId": "m-1", "properties": {{properties}} }
        """);

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
