using System.IO.Compression;

namespace Platform.Ingestion.Imports;

/// <summary>
/// An uploaded file's bytes as text to read (docs/imports.md#compressed-files): a gzip file (known by its first bytes,
/// 1F 8B, whatever its name) is decompressed as it is read; of a zip archive (50 4B 03 04) the file the options name, or
/// its only file, is read. Either may expand up to <see cref="DecompressionBounds.MaxBytes"/>, and
/// <see cref="DecompressionBounds.MaxExpansion"/> times its compressed size past the first
/// <see cref="DecompressionBounds.FreeBytes"/>.
/// </summary>
public static class FileDecompression
{
    public static async Task<Stream> OpenAsync(Stream file, string? entry, CancellationToken cancellationToken, DecompressionBounds? bounds = null)
    {
        bounds ??= DecompressionBounds.Default;
        var head = new byte[4];
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var whole = new PrefixedStream(head.AsMemory(0, read), file, _ => null);
        if (read >= 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            var gzip = new GZipStream(whole, CompressionMode.Decompress);
            return new PrefixedStream(ReadOnlyMemory<byte>.Empty, gzip, expanded => bounds.TooMuch("gzip file", expanded, whole.Position));
        }

        return read == 4 && head is [0x50, 0x4B, 0x03, 0x04] ? await ZipEntryAsync(whole, entry, bounds, cancellationToken) : whole;
    }

    /// <summary>Files of an archive that are data, not folders or what macOS adds to the archives it makes.</summary>
    private static IEnumerable<ZipArchiveEntry> DataFiles(ZipArchive archive) =>
        archive.Entries.Where(e => e.Name.Length > 0 && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal) && e.Name != ".DS_Store");

    // A zip is read from its end (its directory), so the archive is copied to a temporary file first, deleted with the stream.
    private static async Task<Stream> ZipEntryAsync(Stream whole, string? name, DecompressionBounds bounds, CancellationToken cancellationToken)
    {
        var path = Path.GetTempFileName();
        try
        {
            await using var copy = File.Create(path);
            await whole.CopyToAsync(copy, cancellationToken);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        var copied = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(copied, ZipArchiveMode.Read);
        }
        catch
        {
            await copied.DisposeAsync();
            throw;
        }

        try
        {
            if (archive.GetEntry("xl/workbook.xml") is not null)
            {
                throw new ImportFailure("The file is an Excel workbook: import it with options.format EXCEL.");
            }

            var files = DataFiles(archive).ToList();
            var chosen = name is null
                ? files.Count == 1 ? files[0] : null
                : files.FirstOrDefault(e => e.FullName == name) ?? files.FirstOrDefault(e => e.Name == name);
            if (chosen is null)
            {
                var listed = string.Join(", ", files.Take(20).Select(e => $"'{e.FullName}'")) + (files.Count > 20 ? ", …" : "");
                throw new ImportFailure(files.Count == 0 ? "The zip archive holds no file."
                    : name is null ? $"The zip archive holds {files.Count} files ({listed}): name the one to import in options.entry."
                    : $"The zip archive holds no file '{name}'; it holds {listed}.");
            }

            if (bounds.TooMuch("zip archive's file", chosen.Length, chosen.CompressedLength) is { } declared)
            {
                throw new ImportFailure(declared);
            }

            var compressed = chosen.CompressedLength;
            return new PrefixedStream(ReadOnlyMemory<byte>.Empty, chosen.Open(), expanded => bounds.TooMuch("zip archive's file", expanded, compressed), archive);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>Reads the bytes already taken from a stream, then the rest of it; fails the import when <paramref name="tooMuch"/> gives a reason for the bytes read so far.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest, Func<long, string?> tooMuch, IDisposable? owner = null) : Stream
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
                owner?.Dispose();
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

/// <summary>How far a compressed upload may expand: at most <see cref="MaxBytes"/>, and <see cref="MaxExpansion"/> times its compressed size once past <see cref="FreeBytes"/>.</summary>
public sealed record DecompressionBounds(long MaxBytes, int MaxExpansion, long FreeBytes)
{
    /// <summary>64 GiB (32 times the default upload limit); CSV and JSON compress about tenfold and the most repetitive logs fifty-fold, so 200-fold is a bomb; 1 GiB free.</summary>
    public static DecompressionBounds Default { get; } = new(64L << 30, 200, 1L << 30);

    public string? TooMuch(string what, long expanded, long compressed) =>
        expanded > MaxBytes ? $"The {what} expands past {MaxBytes >> 20:N0} MiB: split it into smaller files."
        : expanded > FreeBytes && expanded > compressed * MaxExpansion ? $"The {what} expands more than {MaxExpansion}-fold, far past what logs compress to: send it uncompressed or split."
        : null;
}
