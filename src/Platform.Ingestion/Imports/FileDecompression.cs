using System.IO.Compression;

namespace Platform.Ingestion.Imports;

/// <summary>
/// An uploaded file's bytes as text to read: a gzip file (known by its first two bytes, 1F 8B, whatever its name) is
/// decompressed as it is read, up to <see cref="MaxUncompressedBytes"/> and <see cref="MaxExpansion"/> times what it
/// took of the file past the first <see cref="FreeBytes"/> (docs/imports.md#compressed-files).
/// </summary>
public static class FileDecompression
{
    /// <summary>32 times the default upload limit.</summary>
    public const long MaxUncompressedBytes = 64L << 30;

    /// <summary>CSV and JSON compress about tenfold, the most repetitive logs fifty-fold; a file that expands far more is a bomb.</summary>
    public const int MaxExpansion = 200;

    /// <summary>What any file may expand to, whatever its ratio.</summary>
    public const long FreeBytes = 1L << 30;

    public static Task<Stream> OpenAsync(Stream file, CancellationToken cancellationToken) =>
        OpenAsync(file, MaxUncompressedBytes, MaxExpansion, FreeBytes, cancellationToken);

    /// <summary>The same with other bounds (tests).</summary>
    public static async Task<Stream> OpenAsync(Stream file, long maxBytes, int maxExpansion, long freeBytes, CancellationToken cancellationToken)
    {
        var head = new byte[2];
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var whole = new PrefixedStream(head.AsMemory(0, read), file, _ => null);
        if (read < 2 || head[0] != 0x1F || head[1] != 0x8B)
        {
            return whole;
        }

        return new PrefixedStream(ReadOnlyMemory<byte>.Empty, new GZipStream(whole, CompressionMode.Decompress), expanded =>
            expanded > maxBytes ? $"The gzip file expands past {maxBytes >> 20:N0} MiB: split it into smaller files."
            : expanded > freeBytes && expanded > whole.Position * maxExpansion ? $"The gzip file expands more than {maxExpansion}-fold, far past what logs compress to: send it uncompressed or split."
            : null);
    }

    /// <summary>Reads the bytes already taken from a stream, then the rest of it; fails the import when <paramref name="tooMuch"/> gives a reason for the bytes read so far.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest, Func<long, string?> tooMuch) : Stream
    {
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        // The prefix and what follows it in one read: a reader looking for a byte-order mark wants its three bytes at once.
        public override int Read(Span<byte> buffer)
        {
            var taken = TakePrefix(buffer);
            return Count(taken + (taken < buffer.Length ? rest.Read(buffer[taken..]) : 0));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var taken = TakePrefix(buffer.Span);
            return Count(taken + (taken < buffer.Length ? await rest.ReadAsync(buffer[taken..], cancellationToken) : 0));
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }

            base.Dispose(disposing);
        }

        private int TakePrefix(Span<byte> buffer)
        {
            var taken = Math.Min(prefix.Length, buffer.Length);
            prefix.Span[..taken].CopyTo(buffer);
            prefix = prefix[taken..];
            return taken;
        }

        private int Count(int read)
        {
            position += read;
            return tooMuch(position) is { } reason ? throw new ImportFailure(reason) : read;
        }
    }
}
