using Npgsql;
using Platform.Domain.Profiles;

namespace Platform.Storage.Catalog;

/// <summary>catalog.items, as the facts profiles need (category = the leaf of the category path).</summary>
public sealed class CatalogStore(NpgsqlDataSource dataSource)
{
    /// <summary>Every item of the tenant, up to <paramref name="limit"/>; profile folding keeps them in memory.</summary>
    public async Task<IReadOnlyDictionary<string, ItemFacts>> LoadFactsAsync(string tenantId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT item_id, category_path[array_upper(category_path, 1)], brand, price FROM catalog.items WHERE tenant_id = @tenant LIMIT @limit");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("limit", limit);
        var facts = new Dictionary<string, ItemFacts>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            facts[id] = new ItemFacts(
                id,
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetDecimal(3));
        }

        return facts;
    }
}
