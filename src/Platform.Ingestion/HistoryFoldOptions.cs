namespace Platform.Ingestion;

/// <summary>
/// How an events import folds its shoppers' profiles (configuration section Platform:Imports, read by workers;
/// docs/imports.md#history-and-profiles). The defaults bound the fold's memory to two chunks of about 50,000 events.
/// </summary>
public sealed class HistoryFoldOptions
{
    public const string Section = "Platform:Imports";

    /// <summary>A shopper whose events left to the fold would pass this goes to its grain, which folds each batch as it comes.</summary>
    public int MaxEventsPerUser { get; set; } = 10_000;

    public int UsersPerChunk { get; set; } = 2_000;

    public int EventsPerChunk { get; set; } = 50_000;
}
