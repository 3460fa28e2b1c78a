namespace Platform.Storage.Database;

/// <summary>
/// PostgreSQL text and jsonb cannot hold NUL (U+0000). Text that can carry a client's bytes into a message (a CSV
/// header, a value quoted in a rejection) is stored with each NUL replaced by U+FFFD, the replacement character, so
/// the rest of it is kept and the write cannot fail on it.
/// </summary>
public static class PgText
{
    public static string Storable(string text) => text.Replace('\0', '\uFFFD');

    /// <summary>JSON text: System.Text.Json writes NUL as the escape \u0000, which jsonb refuses.</summary>
    public static string StorableJson(string json) => json.Replace("\\u0000", "\\uFFFD", StringComparison.Ordinal);
}
