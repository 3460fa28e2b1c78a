using Npgsql;
using Platform.Storage.Database;
using Platform.Testing;

namespace Platform.Storage.Tests;

/// <summary>
/// After a database restart, a pool built by <see cref="DatabaseUrl.ForPool"/> hands out no broken connection: each idle
/// one is checked every <see cref="DatabaseUrl.PooledKeepAliveSeconds"/> s and dropped once the check fails. (Npgsql does
/// not check a connection when it hands it out; without the checks every pooled connection failed its next command.)
/// </summary>
public sealed class PooledConnectionRestartTests
{
    private const int Connections = 6;

    [Fact]
    public async Task NoCommandFailsOnAConnectionTheRestartBroke()
    {
        var server = await PostgresServer.StartPrivateAsync();
        var database = await server.CreateDatabaseAsync("pool");
        await using var dataSource = NpgsqlDataSource.Create(DatabaseUrl.ForPool(database, Connections));
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => QueryAsync(dataSource, TimeSpan.FromMilliseconds(200)))); // fills the pool

        await server.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(DatabaseUrl.PooledKeepAliveSeconds + 3));
        await server.RestartAsync();

        var failures = 0;
        for (var i = 0; i < Connections; i++)
        {
            try
            {
                await QueryAsync(dataSource, TimeSpan.Zero);
            }
            catch (NpgsqlException)
            {
                failures++;
            }
        }

        Assert.Equal(0, failures);
    }

    [Theory]
    [InlineData("Host=h;Database=d;Keepalive=30", 30)]
    [InlineData("Host=h;Database=d;keepalive=0", 0)] // turned off on purpose
    [InlineData("Host=h;Database=d", DatabaseUrl.PooledKeepAliveSeconds)]
    public void AKeepaliveTheConfigurationSetsIsKept(string configured, int expected)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.ForPool(configured, 8));

        Assert.Equal(expected, builder.KeepAlive);
        Assert.Equal(8, builder.MaxPoolSize);
    }

    private static async Task QueryAsync(NpgsqlDataSource dataSource, TimeSpan hold)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"SELECT pg_sleep({hold.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)})", connection);
        await command.ExecuteNonQueryAsync();
    }
}
