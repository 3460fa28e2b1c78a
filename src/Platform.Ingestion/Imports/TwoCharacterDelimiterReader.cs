namespace Platform.Ingestion.Imports;

/// <summary>
/// Reads text whose fields are separated by two characters ("::", MovieLens' .dat files) as text whose fields are
/// separated by <see cref="Separator"/>, for a CSV reader that splits on one character. Each delimiter is taken left to
/// right: "a:::b" is "a" and ":b", as such files are split.
/// </summary>
public sealed class TwoCharacterDelimiterReader(TextReader inner, string delimiter) : TextReader
{
    /// <summary>The ASCII unit separator: a control character that text files do not hold.</summary>
    public const char Separator = '\u001F';

    private readonly char first = delimiter.Length == 2 ? delimiter[0] : throw new ArgumentException("A delimiter of two characters is expected.", nameof(delimiter));
    private readonly char second = delimiter[1];
    private readonly char[] chunk = new char[64 * 1024];
    private int start;
    private int end;
    private bool innerDone;

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        // Two characters at hand (or the end of the text), so that a delimiter is never cut in two.
        while (end - start < 2 && !innerDone)
        {
            var read = await inner.ReadAsync(chunk.AsMemory(Compact()), cancellationToken);
            (end, innerDone) = (end + read, read == 0);
        }

        return Translate(buffer.Span);
    }

    public override int Read(Span<char> buffer)
    {
        while (end - start < 2 && !innerDone)
        {
            var read = inner.Read(chunk.AsSpan(Compact()));
            (end, innerDone) = (end + read, read == 0);
        }

        return Translate(buffer);
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Moves what is left to the chunk's start; returns where the next read goes.</summary>
    private int Compact()
    {
        Array.Copy(chunk, start, chunk, 0, end - start);
        (end, start) = (end - start, 0);
        return end;
    }

    private int Translate(Span<char> output)
    {
        var written = 0;
        while (written < output.Length && start < end)
        {
            if (chunk[start] == first && start + 1 == end && !innerDone)
            {
                break; // its partner may be in the next chunk
            }

            if (chunk[start] == first && start + 1 < end && chunk[start + 1] == second)
            {
                output[written++] = Separator;
                start += 2;
            }
            else
            {
                output[written++] = chunk[start++];
            }
        }

        return written;
    }
}
