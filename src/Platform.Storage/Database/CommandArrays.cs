using Npgsql;
using NpgsqlTypes;

namespace Platform.Storage.Database;

/// <summary>Batches travel as one array parameter per column and are expanded with unnest().</summary>
public static class CommandArrays
{
    public static void AddArray<T>(this NpgsqlCommand command, string name, NpgsqlDbType elementType, T[] values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | elementType) { Value = values });
}
