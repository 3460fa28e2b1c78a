using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Platform.Testing;

namespace Platform.Storage.Tests;

/// <summary>
/// A Hangfire lock whose release was lost (the database stopped while it was held) stops holding its job once
/// the job invisibility (<see cref="HangfireStorage.StorageOptions"/>) has passed; with Hangfire's default of 10 minutes it held a worker that long.
/// </summary>
public sealed class HangfireLockTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task ALockLeftBehindByADatabaseRestartIsTakenOverAfterItsExpiry()
    {
        var options = HangfireStorage.StorageOptions(HangfireStorage.DefaultJobInvisibility);
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
        var resource = $"job:{Guid.NewGuid():N}:state-lock";
        using var first = storage.GetConnection();
        using var second = storage.GetConnection();

        _ = first.AcquireDistributedLock(resource, TimeSpan.FromSeconds(1)); // never released: its release would be lost
        Assert.ThrowsAny<Exception>(() => second.AcquireDistributedLock(resource, TimeSpan.FromSeconds(1))); // held, and fresh

        // Its holder's release never reaches the database: the row stays, as old as the lock.
        await using (var age = database.DataSource.CreateCommand("UPDATE hangfire.lock SET acquired = acquired - @age WHERE resource LIKE '%' || @resource"))
        {
            age.Parameters.AddWithValue("age", HangfireStorage.DefaultJobInvisibility + TimeSpan.FromSeconds(1));
            age.Parameters.AddWithValue("resource", resource);
            Assert.Equal(1, await age.ExecuteNonQueryAsync());
        }

        using var taken = second.AcquireDistributedLock(resource, TimeSpan.FromSeconds(5));
        Assert.NotNull(taken);
    }
}
