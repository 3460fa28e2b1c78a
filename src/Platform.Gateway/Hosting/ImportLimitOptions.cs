namespace Platform.Gateway.Hosting;

/// <summary>Limits of file imports.</summary>
public sealed class ImportLimitOptions
{
    /// <summary>Largest file importDataset accepts (the file is kept in PostgreSQL until its job is done).</summary>
    public long MaxFileBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
