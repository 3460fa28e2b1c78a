using Npgsql;
using Platform.Domain.Auth;

namespace Platform.Storage.ApiKeys;

/// <summary>platform.api_keys: every query is scoped by tenant except the lookup by secret hash.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, tenant_id, role, name, hint, created_at, revoked_at";

    public async Task<ApiKeyRecord> CreateAsync(
        string tenantId, Role role, string name, string secret, Guid? createdBy, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO platform.api_keys (id, tenant_id, role, name, secret_hash, hint, created_by)
            VALUES (@id, @tenant, @role, @name, @hash, @hint, @createdBy)
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("role", RoleNames.ToWire(role));
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("hash", ApiKeySecrets.Hash(secret));
        command.Parameters.AddWithValue("hint", ApiKeySecrets.Hint(secret));
        command.Parameters.AddWithValue("createdBy", (object?)createdBy ?? DBNull.Value);
        return (await ReadAsync(command, cancellationToken)).Single();
    }

    public async Task<ApiKeyRecord?> FindBySecretAsync(string secret, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM platform.api_keys WHERE secret_hash = @hash");
        command.Parameters.AddWithValue("hash", ApiKeySecrets.Hash(secret));
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Up to <paramref name="limit"/> keys of the tenant, oldest first, after the (created at, id) of <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(
        string tenantId, int limit, (DateTimeOffset CreatedAt, Guid Id)? after, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM platform.api_keys
            WHERE tenant_id = @tenant AND (@after_at::timestamptz IS NULL OR (created_at, id) > (@after_at, @after_id))
            ORDER BY created_at, id LIMIT @limit
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("after_at", after?.CreatedAt));
        command.Parameters.AddWithValue("after_id", after?.Id ?? Guid.Empty);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>
    /// Revokes a key of this tenant. The tenant's last active ADMIN key is kept (the tenant would be locked
    /// out); concurrent revocations are serialised on the tenant's active admin keys.
    /// </summary>
    public async Task<RevokeResult> RevokeAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var activeAdmins = new List<Guid>();
        await using (var lockAdmins = new NpgsqlCommand(
            "SELECT id FROM platform.api_keys WHERE tenant_id = @tenant AND role = 'ADMIN' AND revoked_at IS NULL FOR UPDATE",
            connection,
            transaction))
        {
            lockAdmins.Parameters.AddWithValue("tenant", tenantId);
            await using var reader = await lockAdmins.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                activeAdmins.Add(reader.GetGuid(0));
            }
        }

        if (activeAdmins is [var onlyAdmin] && onlyAdmin == id)
        {
            return new RevokeResult(null, LastActiveAdmin: true);
        }

        await using var revoke = new NpgsqlCommand(
            $"""
            UPDATE platform.api_keys SET revoked_at = COALESCE(revoked_at, now())
            WHERE tenant_id = @tenant AND id = @id
            RETURNING {Columns}
            """,
            connection,
            transaction);
        revoke.Parameters.AddWithValue("tenant", tenantId);
        revoke.Parameters.AddWithValue("id", id);
        var key = (await ReadAsync(revoke, cancellationToken)).SingleOrDefault();
        await transaction.CommitAsync(cancellationToken);
        return new RevokeResult(key, LastActiveAdmin: false);
    }

    /// <summary>Removes a key outright; used only to undo a key created for a tenant that was then not created.</summary>
    public async Task DeleteAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM platform.api_keys WHERE tenant_id = @tenant AND id = @id");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<ApiKeyRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new ApiKeyRecord(
                reader.GetGuid(0),
                reader.GetString(1),
                RoleNames.FromWire(reader.GetString(2)),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return records;
    }
}
