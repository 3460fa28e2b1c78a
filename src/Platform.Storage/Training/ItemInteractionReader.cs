using Npgsql;
using NpgsqlTypes;
using Platform.Domain.Modeling.Items;
using Platform.Domain.Profiles;
using Platform.Storage.Catalog;

namespace Platform.Storage.Training;

/// <summary>
/// A tenant's item interactions for the item recommender (docs/models.md#item-recommendations): every logged view,
/// click, cart add, purchase and review that names an item, per user in time order, and the catalog's category and
/// brand of each item where the tenant sent a catalog. Memory holds the interactions as item indexes.
/// </summary>
public sealed class ItemInteractionReader(NpgsqlDataSource dataSource, CatalogStore catalog)
{
    public async Task<(ItemSequences Sequences, IReadOnlyDictionary<string, ItemFacts> Catalog)> ReadAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var sequences = new ItemSequences();
        await using var command = dataSource.CreateCommand("""
            SELECT user_id, item_id FROM events.log
            WHERE tenant_id = @tenant AND item_id IS NOT NULL AND type = ANY(@types)
            ORDER BY user_id, occurred_at, seq
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = ItemSequences.Interactions.Select(t => (short)t).ToArray() });
        string? user = null;
        var items = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var next = reader.GetString(0);
                if (user is not null && next != user)
                {
                    sequences.Add(user, items);
                    items.Clear();
                }

                user = next;
                items.Add(reader.GetString(1));
            }
        }

        if (user is not null)
        {
            sequences.Add(user, items);
        }

        return (sequences, await catalog.LoadFactsAsync(tenantId, UpliftRowReader.MaxCatalogItems, cancellationToken));
    }
}
