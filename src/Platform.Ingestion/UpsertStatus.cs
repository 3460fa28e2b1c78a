namespace Platform.Ingestion;

/// <summary>What an upsert did with one entry.</summary>
public enum UpsertStatus
{
    /// <summary>Stored: a new record, or a change to the stored one.</summary>
    Accepted,

    /// <summary>Valid, and already stored exactly so: nothing changed.</summary>
    Unchanged,

    /// <summary>Broke a rule; nothing stored.</summary>
    Rejected,
}
