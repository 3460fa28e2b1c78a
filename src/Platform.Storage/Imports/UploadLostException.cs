namespace Platform.Storage.Imports;

/// <summary>
/// An uploaded file that is no longer stored whole: its chunks live in an unlogged table, which a database crash empties.
/// </summary>
public sealed class UploadLostException()
    : IOException("The uploaded file is no longer stored (the database crashed, or failed over, before the import could read it all). Upload the file again; rows stored from it are kept.");
