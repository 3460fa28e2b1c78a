using System.Globalization;

namespace Platform.Gateway.Api.Execution;

/// <summary>
/// The one paging convention: every list that can grow without bound takes <c>first</c> (page size) and
/// <c>after</c> (the previous page's <c>endCursor</c>) and returns <c>{ nodes hasNextPage endCursor }</c>.
/// Cursors are opaque to clients; inside they are "key:id" (the tail may hold ':').
/// </summary>
public static class Paging
{
    /// <summary>The page size asked for, or INVALID_ARGUMENT naming <c>first</c>.</summary>
    public static int Size(int? first, int defaultSize, int maxSize) =>
        (first ?? defaultSize) is var size and >= 1 && size <= maxSize
            ? size
            : throw ApiError.Invalid("first", "out_of_range", $"first must be between 1 and {maxSize}.");

    /// <summary>The cursor of a row ordered by a time, then an id.</summary>
    public static string TimeCursor(DateTimeOffset at, string id) => $"{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{id}";

    /// <summary>The time and id of a <see cref="TimeCursor"/>, or INVALID_ARGUMENT naming <c>after</c>.</summary>
    public static (DateTimeOffset At, string Id) ParseTimeCursor(string after, string list) =>
        SplitCursor(after, list) is var (ticks, id)
        && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var utcTicks) && utcTicks <= DateTimeOffset.MaxValue.UtcTicks
            ? (new DateTimeOffset(utcTicks, TimeSpan.Zero), id)
            : throw BadCursor(list);

    /// <summary>The time and id of a <see cref="TimeCursor"/> whose id is a Guid.</summary>
    public static (DateTimeOffset At, Guid Id) ParseTimeGuidCursor(string after, string list) =>
        ParseTimeCursor(after, list) is var (at, id) && Guid.TryParseExact(id, "N", out var guid) ? (at, guid) : throw BadCursor(list);

    /// <summary>The two parts of a "head:tail" cursor, or INVALID_ARGUMENT naming <c>after</c>.</summary>
    public static (string Head, string Tail) SplitCursor(string after, string list)
    {
        var separator = after.IndexOf(':', StringComparison.Ordinal);
        return separator > 0 ? (after[..separator], after[(separator + 1)..]) : throw BadCursor(list);
    }

    /// <summary>INVALID_ARGUMENT naming <c>after</c>: the cursor did not come from this list.</summary>
    public static ApiError BadCursor(string list) =>
        ApiError.Invalid("after", "format", $"after must be an endCursor returned by {list}.");
}
