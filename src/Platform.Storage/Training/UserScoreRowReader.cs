using System.Runtime.CompilerServices;
using Npgsql;
using Platform.Domain.Modeling.UserScores;
using Platform.Domain.Profiles;
using Platform.Storage.Catalog;
using Platform.Storage.Events;
using Platform.Storage.Users;

namespace Platform.Storage.Training;

/// <summary>
/// A tenant's user-score training rows (docs/models.md#user-scores): every user first seen before the window's cutoff,
/// with the profile folded from their logged events before it, their attributes and tags, and what they did in the 30
/// days after it. Users are read in batches, so memory holds one batch and its history at a time.
/// </summary>
public sealed class UserScoreRowReader(NpgsqlDataSource dataSource, EventLog log, UserStore users, CatalogStore catalog)
{
    public const int UsersPerBatch = 500;

    // The users a run reads: seen before the window's cutoff.
    private const string Users = "tenant_id = @tenant AND first_seen_at < @cutoff";

    /// <summary>The window ending at the tenant's latest event; null when it has none.</summary>
    public async Task<UserScoreWindow?> WindowAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT max(last_seen_at) FROM users.profiles WHERE tenant_id = @tenant");
        command.Parameters.AddWithValue("tenant", tenantId);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime latest
            ? UserScoreWindow.EndingAt(new DateTimeOffset(DateTime.SpecifyKind(latest, DateTimeKind.Utc)))
            : null;
    }

    /// <summary>The users a run over <paramref name="window"/> would read, all of them (what <see cref="UserSample.ShareFor"/> weighs).</summary>
    public async Task<long> CountAsync(string tenantId, UserScoreWindow window, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM users.profiles WHERE {Users}");
        Bind(command, tenantId, window);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <param name="sample">The share of users read (<see cref="UserSample"/>); 1 reads every user.</param>
    /// <param name="earlierCutoffs">Which users are also read at the window's earlier cutoffs (null: every user).</param>
    public async IAsyncEnumerable<UserScoreRow> ReadAsync(
        string tenantId, UserScoreWindow window, ProfileSettings settings, double sample = 1, Func<string, bool>? earlierCutoffs = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var facts = await catalog.LoadFactsAsync(tenantId, UpliftRowReader.MaxCatalogItems, cancellationToken);
        await using var command = dataSource.CreateCommand($"SELECT user_id FROM users.profiles WHERE {Users} AND {UserSample.Filter("user_id")} ORDER BY user_id");
        Bind(command, tenantId, window);
        UserSample.Bind(command, sample);
        var batch = new List<string>(UsersPerBatch);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add(reader.GetString(0));
            if (batch.Count == UsersPerBatch)
            {
                foreach (var row in await RowsAsync(tenantId, batch, window, facts, settings, earlierCutoffs, cancellationToken))
                {
                    yield return row;
                }

                batch.Clear();
            }
        }

        foreach (var row in await RowsAsync(tenantId, batch, window, facts, settings, earlierCutoffs, cancellationToken))
        {
            yield return row;
        }
    }

    private async Task<List<UserScoreRow>> RowsAsync(
        string tenantId, List<string> ids, UserScoreWindow window, IReadOnlyDictionary<string, ItemFacts> facts, ProfileSettings settings,
        Func<string, bool>? earlierCutoffs, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var attributes = await users.FindManyAsync(tenantId, ids, cancellationToken);
        var histories = (await log.ReadUsersBeforeAsync(tenantId, ids, window.End, cancellationToken))
            .GroupBy(e => e.Event.UserId).ToDictionary(g => g.Key, g => g.Select(e => e.Event).ToList(), StringComparer.Ordinal);
        return ids
            .SelectMany(id => window.Rows(
                id, histories.GetValueOrDefault(id) ?? [], attributes.GetValueOrDefault(id), item => facts.GetValueOrDefault(item), settings, earlierCutoffs?.Invoke(id) ?? true))
            .ToList();
    }

    private static void Bind(NpgsqlCommand command, string tenantId, UserScoreWindow window)
    {
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("cutoff", window.Cutoff);
    }
}
