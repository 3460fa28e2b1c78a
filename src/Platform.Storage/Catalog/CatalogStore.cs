using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Storage.Database;
using Platform.Domain.Catalog;
using Platform.Domain.Profiles;

namespace Platform.Storage.Catalog;

/// <summary>catalog.items, as the facts profiles need (category = the leaf of the category path).</summary>
public sealed class CatalogStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Upserts items whole (a catalog feed replaces what it sends); an id given twice keeps its last item. Returns the
    /// ids whose row was created or changed.
    /// </summary>
    public async Task<IReadOnlySet<string>> UpsertAsync(string tenantId, IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default)
    {
        var rows = items.GroupBy(i => i.ItemId, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        if (rows.Count == 0)
        {
            return new HashSet<string>();
        }

        await using var command = dataSource.CreateCommand("""
            INSERT INTO catalog.items AS i (tenant_id, item_id, title, category_path, brand, price, currency, tags)
            SELECT @tenant, s.item_id, s.title, ARRAY(SELECT jsonb_array_elements_text(s.category_path::jsonb)), s.brand, s.price, s.currency,
                   ARRAY(SELECT jsonb_array_elements_text(s.tags::jsonb))
            FROM unnest(@item_id, @title, @category_path, @brand, @price, @currency, @tags)
                 AS s(item_id, title, category_path, brand, price, currency, tags)
            ON CONFLICT (tenant_id, item_id) DO UPDATE SET
                title = EXCLUDED.title, category_path = EXCLUDED.category_path, brand = EXCLUDED.brand,
                price = EXCLUDED.price, currency = EXCLUDED.currency, tags = EXCLUDED.tags, updated_at = now()
            WHERE (EXCLUDED.title, EXCLUDED.category_path, EXCLUDED.brand, EXCLUDED.price, EXCLUDED.currency, EXCLUDED.tags)
                IS DISTINCT FROM (i.title, i.category_path, i.brand, i.price, i.currency, i.tags)
            RETURNING item_id
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.AddArray("item_id", NpgsqlDbType.Text, rows.Select(r => r.ItemId).ToArray());
        command.AddArray("title", NpgsqlDbType.Text, rows.Select(r => r.Title).ToArray());
        command.AddArray("category_path", NpgsqlDbType.Text, rows.Select(r => JsonSerializer.Serialize(r.CategoryPath)).ToArray());
        command.AddArray("brand", NpgsqlDbType.Text, rows.Select(r => r.Brand).ToArray());
        command.AddArray("price", NpgsqlDbType.Numeric, rows.Select(r => r.Price).ToArray());
        command.AddArray("currency", NpgsqlDbType.Text, rows.Select(r => r.Currency).ToArray());
        command.AddArray("tags", NpgsqlDbType.Text, rows.Select(r => JsonSerializer.Serialize(r.Tags)).ToArray());
        return await command.ReadIdsAsync(cancellationToken);
    }

    /// <summary>How many items' facts profile folding loads per tenant (the first ones by id; a documented limit).</summary>
    public const int FoldingFactsLimit = 200_000;

    /// <summary>Every item of the tenant, up to <paramref name="limit"/>; profile folding keeps them in memory.</summary>
    public async Task<IReadOnlyDictionary<string, ItemFacts>> LoadFactsAsync(string tenantId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT item_id, category_path[array_upper(category_path, 1)], brand, price FROM catalog.items WHERE tenant_id = @tenant ORDER BY item_id LIMIT @limit");
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
