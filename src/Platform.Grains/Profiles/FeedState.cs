namespace Platform.Grains.Profiles;

/// <summary>Stored as JSON: the offset up to which every event has been handed to its user.</summary>
public sealed class FeedState
{
    public long DeliveredThrough { get; set; }
}
