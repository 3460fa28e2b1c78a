namespace Platform.Domain;

/// <summary>
/// Free text a client gives (an item's title, a search query, an event property, a campaign's name): any characters
/// but NUL (U+0000), which no text column can store — refused with the field named, so the rest of a batch is kept.
/// </summary>
public static class FreeText
{
    public const string NulMessage = "must not contain NUL (U+0000)";

    public static bool HasNul(string? value) => value is not null && value.Contains('\0');

    /// <summary>Whether the text holds half of a surrogate pair alone, which is not text (no UTF-8 encoder or PostgreSQL column takes it).</summary>
    public static bool HasUnpairedSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsLowSurrogate(text[i]))
            {
                return true;
            }

            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return true;
                }

                i++;
            }
        }

        return false;
    }

    /// <summary>The text cut to at most <paramref name="maxLength"/> characters, never between the halves of a surrogate pair.</summary>
    public static string Cut(string text, int maxLength) =>
        text.Length <= maxLength ? text : text[..(char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength)];

    /// <summary>
    /// The text as a message or a field name quotes it: cut to <paramref name="maxLength"/> characters and marked with "…".
    /// A plain slice could keep half of a surrogate pair, which PostgreSQL text and JSON writers refuse.
    /// </summary>
    public static string Shorten(string text, int maxLength) => text.Length <= maxLength ? text : Cut(text, maxLength) + "…";
}
