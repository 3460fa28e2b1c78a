using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Platform.Gateway.Api.Execution;

/// <summary>
/// The one paging convention: every list that can grow without bound takes <c>first</c> (page size) and
/// <c>after</c> (the previous page's <c>endCursor</c>) and returns <c>{ nodes hasNextPage endCursor }</c>.
/// Cursors are opaque (base64url) and name their list: a cursor of another list is refused.
/// </summary>
public static class Paging
{
    /// <summary>The page size asked for, or INVALID_ARGUMENT naming <c>first</c>.</summary>
    public static int Size(int? first, int defaultSize, int maxSize) =>
        (first ?? defaultSize) is var size and >= 1 && size <= maxSize
            ? size
            : throw ApiError.Invalid("first", "out_of_range", $"first must be between 1 and {maxSize}.");

    /// <summary>The cursor of the row with <paramref name="key"/> in <paramref name="list"/>.</summary>
    public static string Cursor(string list, string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{list}\n{key}"));

    /// <summary>
    /// The key inside a cursor of <paramref name="list"/>, or INVALID_ARGUMENT naming <c>after</c>: also for a cursor made by
    /// hand whose bytes are not UTF-8 or whose key holds a control character (no key the lists hand out has one).
    /// </summary>
    public static string Key(string after, string list)
    {
        try
        {
            var text = StrictUtf8.GetString(Base64Url.DecodeFromChars(after));
            return text.StartsWith(list + "\n", StringComparison.Ordinal) && text[(list.Length + 1)..] is var key && !key.Any(char.IsControl)
                ? key
                : throw BadCursor(list);
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw BadCursor(list);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The cursor of a row ordered by a time, then an id.</summary>
    public static string TimeCursor(string list, DateTimeOffset at, string id) => Cursor(list, $"{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{id}");

    /// <summary>The time and id of a <see cref="TimeCursor"/>, or INVALID_ARGUMENT naming <c>after</c>.</summary>
    public static (DateTimeOffset At, string Id) ParseTimeCursor(string after, string list)
    {
        var key = Key(after, list);
        var separator = key.IndexOf(':', StringComparison.Ordinal);
        return separator > 0
            && long.TryParse(key.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), key[(separator + 1)..])
            : throw BadCursor(list);
    }

    /// <summary>The time and id of a <see cref="TimeCursor"/> whose id is a Guid.</summary>
    public static (DateTimeOffset At, Guid Id) ParseTimeGuidCursor(string after, string list) =>
        ParseTimeCursor(after, list) is var (at, id) && Guid.TryParseExact(id, "N", out var guid) ? (at, guid) : throw BadCursor(list);

    /// <summary>INVALID_ARGUMENT naming <c>after</c>: the cursor did not come from this list.</summary>
    public static ApiError BadCursor(string list) =>
        ApiError.Invalid("after", "format", $"after must be an endCursor returned by {list}.");
}
