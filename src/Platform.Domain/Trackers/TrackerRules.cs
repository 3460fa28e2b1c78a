namespace Platform.Domain.Trackers;

/// <summary>The tracker source's limits and rule codes (docs/trackers.md), those of the Segment HTTP tracking API.</summary>
public static class TrackerRules
{
    /// <summary>Largest request body, after gzip decompression too.</summary>
    public const int MaxBatchBytes = 500 * 1024;

    /// <summary>Largest single message.</summary>
    public const int MaxMessageBytes = 32 * 1024;

    /// <summary>Most messages in one batch: more than a tracking library sends (about 450 KB of ordinary messages), fewer than 500 KB of tiny ones.</summary>
    public const int MaxBatchMessages = 2_500;

    public const string NoMapping = "no_mapping";
}
