using Npgsql;

namespace Platform.Storage.Database;

/// <summary>Small facts about the connected PostgreSQL server, for health and diagnostics.</summary>
public sealed class ServerInfo(NpgsqlDataSource dataSource)
{
    public async Task<string> VersionAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SHOW server_version");
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}
