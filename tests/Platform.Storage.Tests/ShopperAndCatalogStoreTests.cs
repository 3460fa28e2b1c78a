using Platform.Domain.Catalog;
using Platform.Domain.Shoppers;
using Platform.Storage.Catalog;
using Platform.Storage.Shoppers;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class ShopperAndCatalogStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly ShopperStore shoppers = new(database.DataSource);
    private readonly CatalogStore catalog = new(database.DataSource);

    [Fact]
    public async Task AnUpsertKeepsWhatItDoesNotMentionMergesAttributesAndReplacesGivenTags()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        await shoppers.UpsertAsync(tenant, [Shopper("u1", age: 30, region: "north", tags: ["a", "b"], attribute: ("points", 10))]);

        await shoppers.UpsertAsync(tenant, [Shopper("u1", age: null, region: "south", tags: null, attribute: ("tier", null))]);
        var afterMerge = await shoppers.FindAsync(tenant, "u1");
        await shoppers.UpsertAsync(tenant, [Shopper("u1", age: 31, region: null, tags: [], attribute: null)]);
        var afterClear = await shoppers.FindAsync(tenant, "u1");

        Assert.Equal((30, "south"), (afterMerge!.Age, afterMerge.Region));
        Assert.Equal(["a", "b"], afterMerge.Tags);
        Assert.Equal(["points", "tier"], afterMerge.Attributes.Select(a => a.Name).Order());
        Assert.Equal(10, afterMerge.Attributes.Single(a => a.Name == "points").Number);
        Assert.Equal("gold", afterMerge.Attributes.Single(a => a.Name == "tier").Text);
        Assert.Equal(31, afterClear!.Age);
        Assert.Empty(afterClear.Tags);
        Assert.Null(await shoppers.FindAsync($"x{tenant}", "u1"));
    }

    [Fact]
    public async Task AddedTagsJoinTheStoredOnesAndOnlyTheNewestAreKept()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        await shoppers.UpsertAsync(tenant, [Shopper("u1", age: null, region: null, tags: ["vip", "old"], attribute: null)]);

        await shoppers.UpsertAsync(tenant, [Shopper("u1", age: null, region: null, tags: ["old", "exp:a"], attribute: null), Shopper("u2", null, null, ["exp:a"], null)], TagMerge.Add);
        var added = await shoppers.FindAsync(tenant, "u1");
        var many = Enumerable.Range(0, ShopperStore.MaxStoredTags).Select(i => $"t{i}").ToArray();
        await shoppers.UpsertAsync(tenant, [Shopper("u1", age: null, region: null, tags: many, attribute: null)], TagMerge.Add);
        var capped = await shoppers.FindAsync(tenant, "u1");

        Assert.Equal(["vip", "old", "exp:a"], added!.Tags);
        Assert.Equal(["exp:a"], (await shoppers.FindAsync(tenant, "u2"))!.Tags);
        Assert.Equal(many, capped!.Tags);
    }

    [Fact]
    public async Task ItemsAreReplacedWholeAndTheirFactsUseTheLeafCategory()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        await catalog.UpsertAsync(tenant, [new CatalogItem("sku", "Boot", ["men", "shoes", "boots"], "bolt", 99m, "EUR", ["new"])]);
        await catalog.UpsertAsync(tenant, [new CatalogItem("sku", "Boot", ["men", "shoes"], null, null, null, []), new CatalogItem("sku", "Boot v2", ["men", "shoes"], "acme", 80m, "EUR", [])]);

        var facts = await catalog.LoadFactsAsync(tenant, 100);

        Assert.Equal(("shoes", "acme", 80m), (facts["sku"].CategoryId, facts["sku"].Brand, facts["sku"].Price!.Value));
    }

    private static ShopperRecord Shopper(string id, int? age, string? region, string[]? tags, (string Name, double? Number)? attribute)
    {
        var attributes = new Dictionary<string, AttributeValue>();
        if (attribute is { } a)
        {
            attributes[a.Name] = a.Number is { } n ? new AttributeValue(a.Name, n, null) : new AttributeValue(a.Name, null, "gold");
        }

        return new ShopperRecord(id, age, null, region, null, null, attributes, tags);
    }
}
