using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;
using Platform.Domain.Imports;
using Platform.Domain.Jobs;
using Platform.Storage.Database;

namespace Platform.Storage.Imports;

/// <summary>
/// imports.*: jobs, their files (kept in 4 MiB chunks until the job is done, so any worker can read them)
/// and their first rejections. Reads are scoped by tenant; workers claim jobs by id.
/// </summary>
public sealed class ImportStore(NpgsqlDataSource dataSource)
{
    public const int ChunkBytes = 4 * 1024 * 1024;
    public const int MaxStoredRejections = 10_000;

    private const string Columns =
        "id, tenant_id, kind, status, file_name, size_bytes, options, rows_read, rows_accepted, rows_unchanged, rows_duplicate, rows_rejected, rows_dropped, error, summary, created_at, started_at, finished_at, profiles_to_fold, profiles_folded";

    public async Task<ImportJobRecord> CreateAsync(string tenantId, ImportKind kind, string fileName, string optionsJson, Guid? requestedBy, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO imports.jobs (id, tenant_id, kind, status, file_name, options, requested_by)
            VALUES (@id, @tenant, @kind, 'QUEUED', @file, @options::jsonb, @by)
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("kind", kind.ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("file", fileName);
        command.Parameters.AddWithValue("options", optionsJson);
        command.Parameters.AddWithValue("by", (object?)requestedBy ?? DBNull.Value);
        return (await ReadAsync(command, cancellationToken))!;
    }

    /// <summary>Copies the file into chunks; refuses more than <paramref name="maxBytes"/>. Returns the size.</summary>
    public async Task<long> StoreFileAsync(Guid importId, Stream file, long maxBytes, CancellationToken cancellationToken = default)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ChunkBytes];
        long size = 0;
        for (var chunkNo = 0; ; chunkNo++)
        {
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = await file.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }

            if (filled == 0)
            {
                break;
            }

            size += filled;
            if (size > maxBytes)
            {
                throw new FileTooLargeException(maxBytes);
            }

            hash.AppendData(buffer, 0, filled);
            await using var insert = dataSource.CreateCommand("INSERT INTO imports.file_chunks (import_id, chunk_no, data) VALUES (@id, @no, @data)");
            insert.Parameters.AddWithValue("id", importId);
            insert.Parameters.AddWithValue("no", chunkNo);
            insert.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Bytea) { Value = new ArraySegment<byte>(buffer, 0, filled) });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var update = dataSource.CreateCommand("UPDATE imports.jobs SET size_bytes = @size, sha256 = @sha WHERE id = @id");
        update.Parameters.AddWithValue("id", importId);
        update.Parameters.AddWithValue("size", size);
        update.Parameters.AddWithValue("sha", Convert.ToHexStringLower(hash.GetHashAndReset()));
        await update.ExecuteNonQueryAsync(cancellationToken);
        return size;
    }

    public Stream OpenFile(ImportJobRecord job) => new ChunkedFileStream(dataSource, job.Id, job.SizeBytes);

    public async Task<ImportJobRecord?> FindAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM imports.jobs WHERE tenant_id = @tenant AND id = @id");
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>This worker's hold on the import while it runs it; null while another worker holds it (see <see cref="ImportLease"/>).</summary>
    public Task<ImportLease?> TryLeaseAsync(Guid id, CancellationToken cancellationToken = default) => ImportLease.TryTakeAsync(dataSource, id, cancellationToken);

    /// <summary>
    /// A worker takes the job (the one unscoped call: workers only know ids); null when it has finished. A job
    /// taken again (a retry after a crash) starts over: counts and rejections are cleared, and the writes are idempotent.
    /// The caller holds the import's <see cref="ImportLease"/>.
    /// </summary>
    public async Task<ImportJobRecord?> ClaimAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH cleared AS (DELETE FROM imports.rejections WHERE import_id = @id)
            UPDATE imports.jobs SET status = 'RUNNING', started_at = now(), rows_read = 0, rows_accepted = 0, rows_unchanged = 0, rows_duplicate = 0,
                                    rows_rejected = 0, rows_dropped = 0, error = NULL,
                                    profiles_to_fold = 0, profiles_folded = 0
            WHERE id = @id AND status IN ('QUEUED', 'RUNNING')
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", id);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Adds a batch's counts and its rejections (the first <see cref="MaxStoredRejections"/> of the job are kept).</summary>
    public async Task RecordProgressAsync(Guid id, ImportCounts delta, IReadOnlyList<RowRejection> rejections, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        var counts = new NpgsqlBatchCommand("""
            UPDATE imports.jobs SET rows_read = rows_read + @read, rows_accepted = rows_accepted + @accepted, rows_unchanged = rows_unchanged + @unchanged,
                rows_duplicate = rows_duplicate + @duplicate, rows_rejected = rows_rejected + @rejected, rows_dropped = rows_dropped + @dropped
            WHERE id = @id
            """);
        counts.Parameters.AddWithValue("id", id);
        counts.Parameters.AddWithValue("read", delta.Read);
        counts.Parameters.AddWithValue("accepted", delta.Accepted);
        counts.Parameters.AddWithValue("unchanged", delta.Unchanged);
        counts.Parameters.AddWithValue("duplicate", delta.Duplicates);
        counts.Parameters.AddWithValue("rejected", delta.Rejected);
        counts.Parameters.AddWithValue("dropped", delta.Dropped);
        batch.BatchCommands.Add(counts);
        if (rejections.Count > 0)
        {
            var rows = new NpgsqlBatchCommand($"""
                INSERT INTO imports.rejections (import_id, line, field, rule, message)
                SELECT @id, r.line, r.field, r.rule, r.message
                FROM unnest(@line, @field, @rule, @message) WITH ORDINALITY AS r(line, field, rule, message, n)
                WHERE r.n <= {MaxStoredRejections} - (SELECT count(*) FROM imports.rejections WHERE import_id = @id)
                ORDER BY r.n
                """);
            rows.Parameters.AddWithValue("id", id);
            rows.Parameters.Add(new NpgsqlParameter("line", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rejections.Select(r => r.Line).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter("field", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rejections.Select(r => PgText.Storable(r.Field)).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter("rule", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rejections.Select(r => PgText.Storable(r.Rule)).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter("message", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rejections.Select(r => PgText.Storable(r.Message)).ToArray() });
            batch.BatchCommands.Add(rows);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records how many profiles an events import folds after its rows (<see cref="ProfileFolding"/>).</summary>
    public Task StartFoldingAsync(Guid id, long profiles, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE imports.jobs SET profiles_to_fold = @count, profiles_folded = 0 WHERE id = @id", id, profiles, cancellationToken);

    /// <summary>Adds profiles folded since the last call.</summary>
    public Task RecordFoldedAsync(Guid id, long profiles, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE imports.jobs SET profiles_folded = profiles_folded + @count WHERE id = @id", id, profiles, cancellationToken);

    private async Task ExecuteAsync(string sql, Guid id, long count, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("count", count);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends the job and deletes its file; a job that has already ended stays as it ended (null).</summary>
    public async Task<ImportJobRecord?> FinishAsync(Guid id, bool succeeded, string? summaryJson, string? error, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE imports.jobs SET status = @status, finished_at = now(), summary = @summary::jsonb, error = @error
            WHERE id = @id AND status IN ('QUEUED', 'RUNNING')
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("status", succeeded ? "SUCCEEDED" : "FAILED");
        command.Parameters.AddWithValue("summary", summaryJson is null ? DBNull.Value : PgText.StorableJson(summaryJson)).NpgsqlDbType = NpgsqlDbType.Text;
        command.Parameters.AddWithValue("error", error is null ? DBNull.Value : PgText.Storable(error)).NpgsqlDbType = NpgsqlDbType.Text;
        var job = await ReadAsync(command, cancellationToken);

        // A finished import is never run again, and the raw file may hold personal data: it goes.
        await using var delete = dataSource.CreateCommand("DELETE FROM imports.file_chunks WHERE import_id = @id");
        delete.Parameters.AddWithValue("id", id);
        await delete.ExecuteNonQueryAsync(cancellationToken);
        return job;
    }

    /// <summary>An import's rejections in the order they were found (by line); <paramref name="afterId"/> is the id of the last one already read.</summary>
    public async Task<IReadOnlyList<RowRejection>> RejectionsAsync(string tenantId, Guid id, int limit, long? afterId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT r.line, r.field, r.rule, r.message, r.id FROM imports.rejections r JOIN imports.jobs j ON j.id = r.import_id
            WHERE j.tenant_id = @tenant AND r.import_id = @id AND r.id > @after
            ORDER BY r.id LIMIT @limit
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("after", afterId ?? 0);
        var rejections = new List<RowRejection>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rejections.Add(new RowRejection(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)) { Id = reader.GetInt64(4) });
        }

        return rejections;
    }

    private static async Task<ImportJobRecord?> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ImportJobRecord(
            reader.GetGuid(0),
            reader.GetString(1),
            Enum.Parse<ImportKind>(reader.GetString(2), ignoreCase: true),
            RunStatusNames.FromWire(reader.GetString(3)),
            reader.GetString(4),
            reader.GetInt64(5),
            reader.GetString(6),
            new ImportCounts(reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11), reader.GetInt64(12)),
            reader.IsDBNull(13) ? null : reader.GetString(13),
            reader.IsDBNull(14) ? null : reader.GetString(14),
            reader.GetFieldValue<DateTimeOffset>(15),
            reader.IsDBNull(16) ? null : reader.GetFieldValue<DateTimeOffset>(16),
            reader.IsDBNull(17) ? null : reader.GetFieldValue<DateTimeOffset>(17),
            new ProfileFolding(reader.GetInt64(18), reader.GetInt64(19)));
    }
}
