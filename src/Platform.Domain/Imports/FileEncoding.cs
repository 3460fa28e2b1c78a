namespace Platform.Domain.Imports;

/// <summary>How an uploaded file's bytes are read as text (docs/imports.md#encodings). A byte-order mark overrides it.</summary>
public enum FileEncoding
{
    /// <summary>UTF-8, the default; a byte that is not UTF-8 reads as U+FFFD.</summary>
    Utf8,

    /// <summary>Windows-1252, which reads ISO-8859-1 (Latin-1) text the same: older Western European exports.</summary>
    Windows1252,
}
