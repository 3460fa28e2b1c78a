namespace Platform.Storage.Users;

/// <summary>What given tags do to a user's stored tags.</summary>
public enum TagMerge
{
    /// <summary>They become the user's tags (upsertUsers).</summary>
    Replace,

    /// <summary>They join the stored ones, which stay (imports); the newest <see cref="UserStore.MaxStoredTags"/> are kept.</summary>
    Add,
}
