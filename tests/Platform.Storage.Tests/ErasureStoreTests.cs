using System.Security.Cryptography;
using System.Text;
using Platform.Domain.Profiles;
using Platform.Storage.Users;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class ErasureStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly ErasureStore erasures = new(database.DataSource);
    private readonly ProfileProjection projection = new(database.DataSource);

    [Fact]
    public async Task AProjectionRowComputedBeforeTheErasureCannotBringTheUserBack()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await projection.UpsertAsync([Row(tenant, "u1", before.AddSeconds(-1))]);

        var record = await erasures.RecordAsync(tenant, "u1", keyId: null);
        await projection.UpsertAsync([Row(tenant, "u1", before), Row(tenant, "u2", before)]);
        var afterStale = await ProjectedAsync(tenant);
        await projection.UpsertAsync([Row(tenant, "u1", record.ErasedAt.AddMilliseconds(5))]);

        Assert.Equal(["u2"], afterStale);
        Assert.Equal(["u1", "u2"], await ProjectedAsync(tenant));
        // The record keeps sha256("tenant:user"), never the id.
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant}:u1"))), record.UserHash);
    }

    [Fact]
    public async Task AnErasureACrashInterruptedIsCompletedByTheNextCall()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        await using (var insert = database.DataSource.CreateCommand("INSERT INTO users.attributes (tenant_id, user_id, age, attributes) VALUES (@t, 'ann', 30, '{}')"))
        {
            insert.Parameters.AddWithValue("t", tenant);
            await insert.ExecuteNonQueryAsync();
        }

        var erased = await erasures.EraseDataAsync(tenant, "ann", throughSeq: 0); // then the call crashed
        var knownAfterCrash = await erasures.KnowsAsync(tenant, "ann");
        await erasures.EraseDataAsync(tenant, "ann", throughSeq: 0); // the retry
        var record = await erasures.RecordAsync(tenant, "ann", keyId: null);

        Assert.True(erased.Attributes);
        Assert.True(knownAfterCrash);
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM users.erasures WHERE tenant_id = '{tenant}' AND completed"));
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM users.erasures WHERE tenant_id = '{tenant}' AND NOT completed"));
        Assert.Equal(64, record.UserHash.Length);
    }

    [Fact]
    public async Task AUserIsKnownByAProjectionRowOrAnEarlierErasureOnly()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        await projection.UpsertAsync([Row(tenant, "projected", DateTimeOffset.UtcNow)]);
        await erasures.RecordAsync(tenant, "erased", keyId: null);

        Assert.True(await erasures.KnowsAsync(tenant, "projected"));
        Assert.True(await erasures.KnowsAsync(tenant, "erased"));
        Assert.False(await erasures.KnowsAsync(tenant, "never-seen"));
        Assert.False(await erasures.KnowsAsync("other-tenant", "erased"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static ProfileRow Row(string tenant, string user, DateTimeOffset asOf) =>
        new(tenant, user, ProfileReader.Read(new UserProfile { AppliedSeq = 1 }, asOf, ProfileSettings.Default), asOf);

    private async Task<List<string>> ProjectedAsync(string tenant)
    {
        await using var command = database.DataSource.CreateCommand("SELECT user_id FROM users.profiles WHERE tenant_id = @t ORDER BY user_id");
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
