using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Storage;
using Platform.Storage.Migrations;
using Xunit;

namespace Platform.Testing;

/// <summary>A fresh database with every migration applied: a class fixture for storage tests.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync("storage");
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await Setup(DataSource).RunAsync();
    }

    public static DatabaseSetup Setup(NpgsqlDataSource dataSource) =>
        new(dataSource, new MigrationRunner(NullLogger<MigrationRunner>.Instance), NullLogger<DatabaseSetup>.Instance);

    public async Task DisposeAsync() => await DataSource.DisposeAsync();
}
