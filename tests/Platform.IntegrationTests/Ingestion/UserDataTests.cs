using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Ingestion;

/// <summary>Attributes, the attribute schema and the catalog through GraphQL, and how profiles use them.</summary>
public sealed class UserDataTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string SetSchema = """
        mutation { setAttributeSchema(attributes: [
          { name: "num_past_purch", kind: NUMERIC },
          { name: "channel_acq", kind: CATEGORICAL, allowedValues: ["google", "facebook", "instagram", "referral", "other"] }
        ]) { attributeSchema { name kind allowedValues } } }
        """;

    private const string UpsertUsers = "mutation($users: [UserInput!]!) { upsertUsers(users: $users) { accepted rejected results { index id accepted errors { field rule } } } }";
    private const string UpsertItems = "mutation($items: [ItemInput!]!) { upsertItems(items: $items) { accepted rejected } }";

    [Fact]
    public async Task DeclaredAttributesAreStoredAndUndeclaredOnesRejectedPerUser()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        (await platform.Http.PostAsync(admin, SetSchema)).AssertSuccess();
        object[] users =
        [
            new { id = "6001", age = 34, gender = "Male", attributes = new object[] { new { name = "num_past_purch", number = 6 }, new { name = "channel_acq", text = "facebook" } }, tags = new[] { "artea" } },
            new { id = "6002", attributes = new object[] { new { name = "shoe_size", number = 42 } } },
        ];

        var response = await platform.Http.PostAsync(admin, UpsertUsers, new { users });
        var profile = await platform.Http.PostAsync(admin, "{ user(id: \"6001\") { attributes { age gender tags custom { name number text } } purchases } }");

        var payload = response.Data.GetProperty("upsertUsers");
        Assert.Equal((1, 1), (payload.GetProperty("accepted").GetInt32(), payload.GetProperty("rejected").GetInt32()));
        Assert.Equal("undeclared", payload.GetProperty("results")[1].GetProperty("errors")[0].GetProperty("rule").GetString());
        var attributes = profile.Data.GetProperty("user").GetProperty("attributes");
        Assert.Equal((34, "male"), (attributes.GetProperty("age").GetInt32(), attributes.GetProperty("gender").GetString()));
        Assert.Equal(6, attributes.GetProperty("custom").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "num_past_purch").GetProperty("number").GetDouble());
        Assert.Equal(0, profile.Data.GetProperty("user").GetProperty("purchases").GetInt64());
    }

    [Fact]
    public async Task UserReadsTheStoredPartsARequestSelectsHoweverItSelectsThem()
    {
        var (_, admin) = await platform.CreateTenantAsync();
        (await platform.Http.PostAsync(admin, UpsertUsers, new { users = new[] { new { id = "7001", age = 41 }, new { id = "7002", age = 29 } } })).AssertSuccess();
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = new[] { Events.View("v1", "7002", "sku-1", DateTimeOffset.UtcNow.AddMinutes(-1)) } })).AssertSuccess();
        const string Selected = """
            query($with: Boolean!) { user(id: "7002") { purchases ...Who } }
            fragment Who on UserProfile { years: attributes @include(if: $with) { age } }
            """;

        var onlyAttributes = await platform.Http.PostAsync(admin, "{ user(id: \"7001\") { id purchases } }");
        var included = await platform.Http.PostAsync(admin, Selected, new { with = true });
        var skipped = await platform.Http.PostAsync(admin, Selected, new { with = false });
        var unknown = await platform.Http.PostAsync(admin, "{ user(id: \"7003\") { id } }");

        Assert.Equal("7001", onlyAttributes.Data.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(29, included.Data.GetProperty("user").GetProperty("years").GetProperty("age").GetInt32());
        Assert.False(skipped.Data.GetProperty("user").TryGetProperty("years", out _));
        Assert.Equal(JsonValueKind.Null, unknown.Data.GetProperty("user").ValueKind);
    }

    [Fact]
    public async Task TheCatalogGivesEventsTheirCategoryAndBrand()
    {
        var (_, merchant) = await platform.CreateTenantAsync();
        object[] items =
        [
            new { id = "sku-9", title = "Trail boot", categoryPath = new[] { "men", "shoes", "boots" }, brand = "bolt", price = 99.5m, currency = "EUR" },
            new { id = "sku-x", title = "" },
        ];

        var upserted = await platform.Http.PostAsync(merchant, UpsertItems, new { items });
        (await platform.Http.PostAsync(merchant, Events.Ingest, new { events = new[] { Events.View("b1", "dana", "sku-9", DateTimeOffset.UtcNow.AddMinutes(-1)) } })).AssertSuccess();
        var profile = await platform.Http.PostAsync(merchant, "{ user(id: \"dana\") { categoryAffinities { key } brandAffinities { key } trajectory { categoryId } } }");

        Assert.Equal((1, 1), (upserted.Data.GetProperty("upsertItems").GetProperty("accepted").GetInt32(), upserted.Data.GetProperty("upsertItems").GetProperty("rejected").GetInt32()));
        var user = profile.Data.GetProperty("user");
        Assert.Equal("boots", user.GetProperty("categoryAffinities")[0].GetProperty("key").GetString());
        Assert.Equal("bolt", user.GetProperty("brandAffinities")[0].GetProperty("key").GetString());
        Assert.Equal("boots", user.GetProperty("trajectory")[0].GetProperty("categoryId").GetString());
    }
}
