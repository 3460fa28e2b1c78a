using Platform.Domain.Catalog;
using Platform.Domain.Users;
using Platform.Storage.Catalog;
using Platform.Storage.Users;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class UserAndCatalogStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly UserStore users = new(database.DataSource);
    private readonly CatalogStore catalog = new(database.DataSource);

    [Fact]
    public async Task AnUpsertKeepsWhatItDoesNotMentionMergesAttributesAndReplacesGivenTags()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        await users.UpsertAsync(tenant, [User("u1", age: 30, region: "north", tags: ["a", "b"], attribute: ("points", 10))]);

        await users.UpsertAsync(tenant, [User("u1", age: null, region: "south", tags: null, attribute: ("tier", null))]);
        var afterMerge = await users.FindAsync(tenant, "u1");
        await users.UpsertAsync(tenant, [User("u1", age: 31, region: null, tags: [], attribute: null)]);
        var afterClear = await users.FindAsync(tenant, "u1");

        Assert.Equal((30, "south"), (afterMerge!.Age, afterMerge.Region));
        Assert.Equal(["a", "b"], afterMerge.Tags);
        Assert.Equal(["points", "tier"], afterMerge.Attributes.Select(a => a.Name).Order());
        Assert.Equal(10, afterMerge.Attributes.Single(a => a.Name == "points").Number);
        Assert.Equal("gold", afterMerge.Attributes.Single(a => a.Name == "tier").Text);
        Assert.Equal(31, afterClear!.Age);
        Assert.Empty(afterClear.Tags);
        Assert.Null(await users.FindAsync($"x{tenant}", "u1"));
    }

    [Fact]
    public async Task AddedTagsJoinTheStoredOnesAndOnlyTheNewestAreKept()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        await users.UpsertAsync(tenant, [User("u1", age: null, region: null, tags: ["vip", "old"], attribute: null)]);

        await users.UpsertAsync(tenant, [User("u1", age: null, region: null, tags: ["old", "exp:a"], attribute: null), User("u2", null, null, ["exp:a"], null)], TagMerge.Add);
        var added = await users.FindAsync(tenant, "u1");
        var many = Enumerable.Range(0, UserStore.MaxStoredTags).Select(i => $"t{i}").ToArray();
        await users.UpsertAsync(tenant, [User("u1", age: null, region: null, tags: many, attribute: null)], TagMerge.Add);
        var capped = await users.FindAsync(tenant, "u1");

        Assert.Equal(["vip", "old", "exp:a"], added!.Tags);
        Assert.Equal(["exp:a"], (await users.FindAsync(tenant, "u2"))!.Tags);
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

    private static UserRecord User(string id, int? age, string? region, string[]? tags, (string Name, double? Number)? attribute)
    {
        var attributes = new Dictionary<string, AttributeValue>();
        if (attribute is { } a)
        {
            attributes[a.Name] = a.Number is { } n ? new AttributeValue(a.Name, n, null) : new AttributeValue(a.Name, null, "gold");
        }

        return new UserRecord(id, age, null, region, null, null, attributes, tags);
    }
}
