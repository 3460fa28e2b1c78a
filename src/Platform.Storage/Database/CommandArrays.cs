using Npgsql;
using NpgsqlTypes;

namespace Platform.Storage.Database;

/// <summary>Batches travel as one array parameter per column and are expanded with unnest().</summary>
public static class CommandArrays
{
    public static void AddArray<T>(this NpgsqlCommand command, string name, NpgsqlDbType elementType, T[] values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | elementType) { Value = values });

    /// <summary>Runs the command and collects the text of the first column of every row (the ids a RETURNING names).</summary>
    public static async Task<IReadOnlySet<string>> ReadIdsAsync(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
