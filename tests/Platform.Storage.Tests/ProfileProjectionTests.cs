using Platform.Domain.Profiles;
using Platform.Storage.Users;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class ProfileProjectionTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly ProfileProjection projection = new(database.DataSource);

    // The grains' batches and an import's fold write the same users at once; rows locked in different orders deadlocked.
    [Fact]
    public async Task WritersOfTheSameUsersInOppositeOrdersDoNotDeadlock()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var users = Enumerable.Range(0, 20_000).Select(i => $"u{i:D5}").ToList();
        await projection.UpsertAsync([.. users.Select(u => Row(tenant, u, seq: 1))]);

        for (var round = 2; round < 6; round++)
        {
            var forward = users.Select(u => Row(tenant, u, round)).ToList();
            var backward = Enumerable.Reverse(users).Select(u => Row(tenant, u, round)).ToList();

            var go = new TaskCompletionSource();
            var writers = new[] { forward, backward }.Select(rows => Task.Run(async () => { await go.Task; await projection.UpsertAsync(rows); })).ToList();
            go.SetResult();
            await Task.WhenAll(writers);
        }

        await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM users.profiles WHERE tenant_id = @t AND applied_seq = 5");
        command.Parameters.AddWithValue("t", tenant);
        Assert.Equal(users.Count, (long)(await command.ExecuteScalarAsync())!); // every row holds the last round
    }

    private static ProfileRow Row(string tenant, string user, long seq)
    {
        var at = DateTimeOffset.UtcNow;
        return new ProfileRow(tenant, user, ProfileReader.Read(new UserProfile { AppliedSeq = seq }, at, ProfileSettings.Default), at);
    }
}
