using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Domain.Models;
using Platform.Gateway.Serving;
using Platform.Storage.Models;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>
/// A node's cache of each tenant's ACTIVE version against a real registry (docs/recommendations.md#serving): a promotion
/// reaches it at its next check, an unreachable registry leaves the loaded version serving, an idle version is let go.
/// </summary>
public sealed class ActiveModelsTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly ModelRegistry registry = new(database.DataSource);
    private readonly TrainingRunStore runs = new(database.DataSource);
    private readonly ManualClock clock = new();
    private readonly List<Weights> loaded = [];

    [Fact]
    public async Task APromotionIsServedFromTheNextCheckWhileARequestKeepsTheVersionItHolds()
    {
        var tenant = NewTenant();
        var models = Models();
        var first = await PromoteAsync(tenant, [1]);
        var holding = (await models.AcquireAsync(tenant, default))!;

        var second = await PromoteAsync(tenant, [2]);
        clock.Now += ActiveModels<Weights>.CheckEvery - TimeSpan.FromMilliseconds(1);
        using (var beforeTheCheck = (await models.AcquireAsync(tenant, default))!)
        {
            Assert.Equal(first, beforeTheCheck.VersionId);
        }

        clock.Now += TimeSpan.FromMilliseconds(1);
        using (var afterTheCheck = (await models.AcquireAsync(tenant, default))!)
        {
            Assert.Equal((second, (byte)2), (afterTheCheck.VersionId, afterTheCheck.Model.Bytes[0]));
        }

        Assert.Equal((first, false), (holding.VersionId, holding.Model.Disposed));
        holding.Dispose();
        Assert.True(loaded[0].Disposed);
    }

    [Fact]
    public async Task WhenTheRegistryCannotBeAskedTheLoadedVersionKeepsServingAndTheNextCheckWaitsItsTurn()
    {
        var tenant = NewTenant();
        var models = Models();
        var first = await PromoteAsync(tenant, [1]);
        (await models.AcquireAsync(tenant, default))!.Dispose();
        var second = await PromoteAsync(tenant, [2]); // what a check that reached the registry would serve

        await using (await RefuseConnectionsAsync())
        {
            clock.Now += ActiveModels<Weights>.CheckEvery;
            using var lease = (await models.AcquireAsync(tenant, default))!;
            Assert.Equal(first, lease.VersionId);
        }

        clock.Now += ActiveModels<Weights>.CheckEvery - TimeSpan.FromSeconds(1);
        using (var stillFirst = (await models.AcquireAsync(tenant, default))!)
        {
            Assert.Equal(first, stillFirst.VersionId); // the failed check counts as a check
        }

        clock.Now += TimeSpan.FromSeconds(1);
        using var now = (await models.AcquireAsync(tenant, default))!;
        Assert.Equal(second, now.VersionId);
    }

    [Fact]
    public async Task AVersionUnusedForTheIdleTimeIsLetGoAndLoadedAgainOnItsNextUse()
    {
        var (tenant, other) = (NewTenant(), NewTenant());
        var models = Models();
        var version = await PromoteAsync(tenant, [1]);
        (await models.AcquireAsync(tenant, default))!.Dispose();

        clock.Now += ActiveModels<Weights>.IdleAfter - TimeSpan.FromSeconds(1);
        Assert.Null(await models.AcquireAsync(other, default)); // any request sweeps; not idle long enough yet
        Assert.False(loaded[0].Disposed);

        clock.Now += ActiveModels<Weights>.CheckEvery;
        Assert.Null(await models.AcquireAsync(other, default));
        Assert.True(loaded[0].Disposed);

        using var again = (await models.AcquireAsync(tenant, default))!;
        Assert.Equal((version, 2), (again.VersionId, loaded.Count));
    }

    private ActiveModels<Weights> Models() =>
        new(ModelTask.Uplift, bytes =>
        {
            var weights = new Weights(bytes);
            loaded.Add(weights);
            return weights;
        }, registry, clock, NullLogger<ActiveModels<Weights>>.Instance);

    private static string NewTenant() => $"t{Guid.NewGuid():N}"[..12];

    private async Task<Guid> PromoteAsync(string tenant, byte[] weights)
    {
        var (run, _) = await runs.CreateAsync(tenant, ModelTask.Uplift, TrainingTrigger.Manual, "cpu", null);
        var version = await registry.AddAsync(tenant, ModelTask.Uplift, run.Id, weights, "{}", "{}", "{}", "CANDIDATE");
        return (await registry.ActivateAsync(tenant, version.Id, "ACTIVE"))!.Id;
    }

    /// <summary>The test's database refuses new connections and drops the open ones until the result is disposed.</summary>
    private async Task<IAsyncDisposable> RefuseConnectionsAsync()
    {
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        var maintenance = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        var restore = new Restore(async () =>
        {
            await RunAsync(maintenance, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
            database.DataSource.Clear(); // its idle connections were dropped
        });
        try
        {
            await RunAsync(maintenance, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
            database.DataSource.Clear(); // the next query opens a connection, which the database refuses
            await RunAsync(maintenance, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
            return restore;
        }
        catch
        {
            await restore.DisposeAsync();
            throw;
        }
    }

    private static async Task RunAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }

    public sealed class Weights(byte[] bytes) : IDisposable
    {
        public byte[] Bytes { get; } = bytes;

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
