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
    private const string Interactions = "tenant_id = @tenant AND item_id IS NOT NULL AND type = ANY(@types)";

    /// <summary>The tenant's item interactions, all of them (what <see cref="UserSample.ShareFor"/> weighs).</summary>
    public async Task<long> CountAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM events.log WHERE {Interactions}");
        Bind(command, tenantId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <param name="sample">The share of users read (<see cref="UserSample"/>); 1 reads every interaction.</param>
    public async Task<(ItemSequences Sequences, IReadOnlyDictionary<string, ItemFacts> Catalog)> ReadAsync(string tenantId, double sample = 1, CancellationToken cancellationToken = default)
    {
        var sequences = new ItemSequences();
        await using var command = dataSource.CreateCommand($"""
            SELECT user_id, item_id FROM events.log
            WHERE {Interactions} AND {UserSample.Filter("user_id")}
            ORDER BY user_id, occurred_at, seq
            """);
        Bind(command, tenantId);
        UserSample.Bind(command, sample);
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

    private static void Bind(NpgsqlCommand command, string tenantId)
    {
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = ItemSequences.Interactions.Select(t => (short)t).ToArray() });
    }
}
