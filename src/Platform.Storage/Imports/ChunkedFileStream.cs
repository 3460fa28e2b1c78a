using Npgsql;

namespace Platform.Storage.Imports;

/// <summary>
/// Reads an uploaded file back from imports.file_chunks, one chunk in memory at a time; throws
/// <see cref="UploadLostException"/> when the chunks end before <paramref name="sizeBytes"/>.
/// </summary>
public sealed class ChunkedFileStream(NpgsqlDataSource dataSource, Guid importId, long sizeBytes) : Stream
{
    private byte[] chunk = [];
    private long read;
    private int offset;
    private int nextChunk;
    private bool ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (offset == chunk.Length)
        {
            if (ended)
            {
                return 0;
            }

            await using var command = dataSource.CreateCommand("SELECT data FROM imports.file_chunks WHERE import_id = @id AND chunk_no = @no");
            command.Parameters.AddWithValue("id", importId);
            command.Parameters.AddWithValue("no", nextChunk++);
            if (await command.ExecuteScalarAsync(cancellationToken) is byte[] data)
            {
                (chunk, offset) = (data, 0);
                read += data.Length;
            }
            else if (read != sizeBytes)
            {
                throw new UploadLostException();
            }
            else
            {
                ended = true;
            }
        }

        var count = Math.Min(buffer.Length, chunk.Length - offset);
        chunk.AsMemory(offset, count).CopyTo(buffer);
        offset += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
