namespace Platform.Gateway.Hosting;

/// <summary>Bounds of the decision queries on a gateway node (Platform:Decisions, docs/configuration.md).</summary>
public sealed class DecisionOptions
{
    /// <summary>
    /// The largest audience a forecast, an optimizer search, an uplift audience or a sorted scoreShoppers reads whole (its
    /// users' features are held in memory at once); a larger one is refused with `too_large`.
    /// </summary>
    public int MaxAudienceUsers { get; set; } = 200_000;
}
