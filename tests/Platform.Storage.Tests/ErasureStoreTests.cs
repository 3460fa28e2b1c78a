using Platform.Domain.Profiles;
using Platform.Storage.Shoppers;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class ErasureStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly ErasureStore erasures = new(database.DataSource);
    private readonly ProfileProjection projection = new(database.DataSource);

    [Fact]
    public async Task AProjectionRowComputedBeforeTheErasureCannotBringTheShopperBack()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await projection.UpsertAsync([Row(tenant, "u1", before.AddSeconds(-1))]);

        var record = await erasures.RecordAsync(tenant, "u1", keyId: null, new ErasedData(0, 0, false));
        await projection.UpsertAsync([Row(tenant, "u1", before), Row(tenant, "u2", before)]);
        var afterStale = await ProjectedAsync(tenant);
        await projection.UpsertAsync([Row(tenant, "u1", record.ErasedAt.AddMilliseconds(5))]);

        Assert.Equal(["u2"], afterStale);
        Assert.Equal(["u1", "u2"], await ProjectedAsync(tenant));
        Assert.Equal(ErasureStore.UserHash(tenant, "u1"), record.UserHash);
    }

    private static ProfileRow Row(string tenant, string user, DateTimeOffset asOf) =>
        new(tenant, user, ProfileReader.Read(new ShopperProfile { AppliedSeq = 1 }, asOf, ProfileSettings.Default), asOf);

    private async Task<List<string>> ProjectedAsync(string tenant)
    {
        await using var command = database.DataSource.CreateCommand("SELECT user_id FROM shoppers.profiles WHERE tenant_id = @t ORDER BY user_id");
        command.Parameters.AddWithValue("t", tenant);
        var users = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            users.Add(reader.GetString(0));
        }

        return users;
    }
}
