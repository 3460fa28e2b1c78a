namespace Platform.Domain;

/// <summary>
/// Free text a client gives (an item's title, a search query, an event property, a campaign's name): any characters
/// but NUL (U+0000), which no text column can store — refused with the field named, so the rest of a batch is kept.
/// </summary>
public static class FreeText
{
    public const string NulMessage = "must not contain NUL (U+0000)";

    public static bool HasNul(string? value) => value is not null && value.Contains('\0');
}
