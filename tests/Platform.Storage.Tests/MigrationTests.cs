using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Storage.Migrations;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class MigrationTests
{
    private static readonly string[] RequiredOrleansQueries =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey",
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task TwoNodesStartingAtOnceApplyEachMigrationExactlyOnce()
    {
        var connectionString = await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync("migrate");
        await using var first = NpgsqlDataSource.Create(connectionString);
        await using var second = NpgsqlDataSource.Create(connectionString);

        await Task.WhenAll(MigratedDatabase.Setup(first).RunAsync(), MigratedDatabase.Setup(second).RunAsync());

        var journal = await QueryAsync(first, "SELECT version FROM platform.schema_migrations ORDER BY version");
        Assert.Equal(EmbeddedMigrations.Load().Select(m => (object)m.Version), journal);
        Assert.Single(await QueryAsync(first, "SELECT 1 FROM information_schema.schemata WHERE schema_name = 'hangfire'"));
    }

    [Fact]
    public async Task RunningAgainAppliesNothing()
    {
        await using var dataSource = await MigratedDataSourceAsync();
        await using var connection = await dataSource.OpenConnectionAsync();

        var applied = await Runner().ApplyAsync(connection, EmbeddedMigrations.Load());

        Assert.Empty(applied);
    }

    [Fact]
    public async Task AMigrationEditedAfterItWasAppliedStopsTheStartUp()
    {
        await using var dataSource = await MigratedDataSourceAsync();
        await using var connection = await dataSource.OpenConnectionAsync();
        var edited = EmbeddedMigrations.Load().Select(m => m.Version == 1 ? m with { Checksum = new string('0', 64) } : m).ToList();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Runner().ApplyAsync(connection, edited));

        Assert.Contains("changed after it was applied", error.Message);
    }

    [Fact]
    public async Task AFailingMigrationLeavesNothingHalfApplied()
    {
        await using var dataSource = await MigratedDataSourceAsync();
        await using var connection = await dataSource.OpenConnectionAsync();
        var broken = new Migration(999, "0999_broken", "CREATE TABLE platform.half_done (id int); SELECT no_such_function();", new string('1', 64));

        await Assert.ThrowsAsync<PostgresException>(() => Runner().ApplyAsync(connection, [.. EmbeddedMigrations.Load(), broken]));

        Assert.Empty(await QueryAsync(dataSource, "SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'"));
        Assert.Empty(await QueryAsync(dataSource, "SELECT 1 FROM platform.schema_migrations WHERE version = 999"));
    }

    [Fact]
    public async Task OrleansQueryHoldsEveryKeyTheProvidersRequire()
    {
        await using var dataSource = await MigratedDataSourceAsync();

        var keys = (await QueryAsync(dataSource, "SELECT QueryKey FROM OrleansQuery")).Cast<string>().ToHashSet();

        Assert.Superset(RequiredOrleansQueries.ToHashSet(), keys);
    }

    private static MigrationRunner Runner() => new(NullLogger<MigrationRunner>.Instance);

    private static async Task<NpgsqlDataSource> MigratedDataSourceAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync("migrate"));
        await MigratedDatabase.Setup(dataSource).RunAsync();
        return dataSource;
    }

    private static async Task<List<object>> QueryAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<object>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0));
        }

        return values;
    }
}
