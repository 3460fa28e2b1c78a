namespace Platform.Storage.Shoppers;

/// <summary>What given tags do to a shopper's stored tags.</summary>
public enum TagMerge
{
    /// <summary>They become the shopper's tags (upsertUsers).</summary>
    Replace,

    /// <summary>They join the stored ones, which stay (imports); the newest <see cref="ShopperStore.MaxStoredTags"/> are kept.</summary>
    Add,
}
