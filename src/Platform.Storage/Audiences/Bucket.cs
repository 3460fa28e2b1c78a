namespace Platform.Storage.Audiences;

/// <summary>How many users of an audience have one value.</summary>
public sealed record Bucket(string Key, long Count);
