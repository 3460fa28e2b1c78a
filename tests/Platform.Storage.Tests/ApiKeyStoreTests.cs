using Platform.Domain.Auth;
using Platform.Storage.ApiKeys;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class ApiKeyStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly ApiKeyStore store = new(database.DataSource);

    [Fact]
    public async Task AKeyIsFoundByItsSecretButTheSecretIsNotStored()
    {
        var secret = ApiKeySecrets.Generate();
        var created = await store.CreateAsync("shop-a", Role.Merchant, "pos", secret, createdBy: null);

        var found = await store.FindBySecretAsync(secret);

        Assert.Equal(created, found);
        Assert.Equal(ApiKeySecrets.Hint(secret), found!.Hint);
        await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM platform.api_keys WHERE secret_hash = @secret OR hint = @secret");
        command.Parameters.AddWithValue("secret", secret);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AnotherTenantCannotListOrRevokeAKey()
    {
        var key = await store.CreateAsync("shop-b", Role.Admin, "admin", ApiKeySecrets.Generate(), createdBy: null);

        Assert.Null((await store.RevokeAsync("shop-c", key.Id)).Key);
        Assert.DoesNotContain(await store.ListAsync("shop-c", 100, after: null), k => k.Id == key.Id);
        Assert.Contains(await store.ListAsync("shop-b", 100, after: null), k => k.Id == key.Id);
    }

    [Fact]
    public async Task RevokingTwiceKeepsTheFirstRevocationTime()
    {
        var secret = ApiKeySecrets.Generate();
        var key = await store.CreateAsync("shop-d", Role.Partner, "partner", secret, createdBy: null);

        var first = (await store.RevokeAsync("shop-d", key.Id)).Key;
        var second = (await store.RevokeAsync("shop-d", key.Id)).Key;

        Assert.True(first!.IsRevoked);
        Assert.Equal(first.RevokedAt, second!.RevokedAt);
        Assert.True((await store.FindBySecretAsync(secret))!.IsRevoked);
    }

    [Fact]
    public async Task TheLastActiveAdminKeyIsKept()
    {
        var first = await store.CreateAsync("shop-e", Role.Admin, "first", ApiKeySecrets.Generate(), createdBy: null);
        var second = await store.CreateAsync("shop-e", Role.Admin, "second", ApiKeySecrets.Generate(), createdBy: null);

        var revokedFirst = await store.RevokeAsync("shop-e", first.Id);
        var refusedSecond = await store.RevokeAsync("shop-e", second.Id);

        Assert.True(revokedFirst.Key!.IsRevoked);
        Assert.True(refusedSecond.LastActiveAdmin);
        Assert.Null(refusedSecond.Key);
        Assert.Contains(await store.ListAsync("shop-e", 100, after: null), k => k.Id == second.Id && !k.IsRevoked);
    }

    [Fact]
    public async Task ConcurrentRevocationsNeverLeaveATenantWithoutAnAdminKey()
    {
        var admins = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            store.CreateAsync("shop-f", Role.Admin, $"admin {i}", ApiKeySecrets.Generate(), createdBy: null)));

        await Task.WhenAll(admins.Select(a => store.RevokeAsync("shop-f", a.Id)));

        Assert.Single(await store.ListAsync("shop-f", 100, after: null), k => !k.IsRevoked);
    }

    [Fact]
    public async Task AnUnknownSecretFindsNothing() => Assert.Null(await store.FindBySecretAsync(ApiKeySecrets.Generate()));
}
