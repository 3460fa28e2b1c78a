using Platform.Domain;
using Platform.Domain.Campaigns;

namespace Platform.Domain.Modeling;

/// <summary>
/// A campaign design as model inputs. The context (the outcome window) shapes both sides of the experiment; the offer
/// (type, depth, channel, duration, scope, themes, and how well its categories match the user's affinities) shapes only
/// the treated side. Fixed widths, so a design that never ran encodes like one that did (docs/models.md#features).
/// </summary>
public static class DesignEncoder
{
    public const int ThemeBuckets = 16;
    public const int ContextWidth = 1;

    private static readonly CampaignType[] Types = Enum.GetValues<CampaignType>();
    private static readonly Channel[] Channels = Enum.GetValues<Channel>();

    /// <summary>Type one-hot, four value slots, channel one-hot plus unknown, duration, minimum spend, four scope slots, theme buckets, category match.</summary>
    public static int OfferWidth { get; } = Types.Length + 4 + Channels.Length + 1 + 2 + 4 + ThemeBuckets + 1;

    /// <summary>Where the offer's channel columns start: the channel one-hot plus unknown, <see cref="ChannelWidth"/> of them.</summary>
    public static int ChannelStart { get; } = Types.Length + 4;

    public static int ChannelWidth { get; } = Channels.Length + 1;

    public static void EncodeContext(CampaignDesign design, Span<float> vector) =>
        vector[0] = (float)(Math.Log(1 + design.AttributionWindowDays) / Math.Log(1 + CampaignDesignRules.MaxAttributionWindowDays));

    /// <summary>Encodes the offer for one user; <paramref name="features"/> are the user's (for the category match).</summary>
    public static void EncodeOffer(CampaignDesign design, IReadOnlyDictionary<string, FeatureValue> features, Span<float> vector)
    {
        vector.Clear();
        var at = 0;
        vector[at + Array.IndexOf(Types, design.Type)] = 1;
        at += Types.Length;
        if (design.Value is { } value)
        {
            var v = (double)value;
            switch (design.Type)
            {
                case CampaignType.PercentOff or CampaignType.FlashSale or CampaignType.Bundle:
                    vector[at] = (float)(v / 100);
                    break;
                case CampaignType.AmountOff:
                    vector[at + 1] = (float)(Math.Log(1 + v) / 5);
                    break;
                case CampaignType.PointsMultiplier:
                    vector[at + 2] = (float)((v - 1) / (double)(CampaignDesignRules.MaxPointsMultiplier - 1));
                    break;
            }

            vector[at + 3] = 1;
        }

        at += 4;
        vector[at + (design.Channel is { } channel ? Array.IndexOf(Channels, channel) : Channels.Length)] = 1;
        at += Channels.Length + 1;
        vector[at++] = (float)(Math.Log(1 + Math.Max(0, design.Duration.TotalDays)) / Math.Log(1 + CampaignDesignRules.MaxDurationDays));
        vector[at++] = (float)(Math.Log(1 + (double)(design.MinimumSpend ?? 0)) / 7);
        vector[at++] = design.CategoryIds is { Count: > 0 } ? 1 : 0;
        vector[at++] = (float)(Math.Log(1 + (design.CategoryIds?.Count ?? 0)) / Math.Log(1 + CampaignDesignRules.MaxCategories));
        vector[at++] = design.ItemIds is { Count: > 0 } ? 1 : 0;
        vector[at++] = (float)(Math.Log(1 + (design.ItemIds?.Count ?? 0)) / Math.Log(1 + CampaignDesignRules.MaxItems));
        foreach (var tag in design.ThemeTags ?? [])
        {
            vector[at + Bucket(tag)] = 1;
        }

        at += ThemeBuckets;
        vector[at] = (float)CategoryMatch(design, features);
    }

    /// <summary>The user's affinity share for the design's categories at assignment (0 without categories or affinities).</summary>
    public static double CategoryMatch(CampaignDesign design, IReadOnlyDictionary<string, FeatureValue> features) =>
        Math.Clamp(
            (design.CategoryIds ?? []).Sum(c => features.TryGetValue(FeatureSchema.AffinityPrefix + c, out var share) ? share.Number ?? 0 : 0),
            0,
            1);

    public static IReadOnlyList<string> OfferColumnNames() =>
    [
        .. Types.Select(t => $"type={WireNames.ToWire(t)}"),
        "percent", "amount", "multiplier", "value given",
        .. Channels.Select(c => $"channel={WireNames.ToWire(c)}"), "channel unknown",
        "duration", "minimum spend", "category scope", "categories", "item scope", "items",
        .. Enumerable.Range(0, ThemeBuckets).Select(b => $"theme bucket {b}"),
        "category match",
    ];

    // FNV-1a: stable across processes (string.GetHashCode is not).
    private static int Bucket(string tag)
    {
        var hash = 2166136261u;
        foreach (var c in tag.ToLowerInvariant())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % ThemeBuckets);
    }
}
