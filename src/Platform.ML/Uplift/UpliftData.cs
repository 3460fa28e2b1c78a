using Platform.Domain.Campaigns;
using Platform.Domain.Modeling;

namespace Platform.ML.Uplift;

/// <summary>
/// Uplift rows encoded for training and evaluation, in flat float arrays (row-major): the user vector, the campaign's
/// context and offer (one copy per campaign; the user-specific category match per row), the side, and the outcomes
/// (NaN where the source did not record one). Memory is about (user width + 6) × 4 bytes a row.
/// </summary>
public sealed class UpliftData
{
    private readonly List<float> user = [];
    private readonly List<float> match = [];
    private readonly List<int> campaign = [];
    private readonly List<float> treated = [];
    private readonly List<float> converted = [];
    private readonly List<float> orders = [];
    private readonly List<float> logRevenue = [];
    private readonly List<float> revenue = [];
    private readonly List<float> participated = [];
    private readonly List<string> userIds = [];
    private readonly Dictionary<string, int> campaignIndex = new(StringComparer.Ordinal);
    private readonly float[] scratch;

    public UpliftData(FeatureSchema schema, IReadOnlyList<(string Id, CampaignDesign Design)> campaigns)
    {
        Schema = schema;
        Campaigns = campaigns;
        Contexts = new float[campaigns.Count * DesignEncoder.ContextWidth];
        Offers = new float[campaigns.Count * DesignEncoder.OfferWidth];
        var empty = new Dictionary<string, FeatureValue>();
        for (var c = 0; c < campaigns.Count; c++)
        {
            campaignIndex[campaigns[c].Id] = c;
            DesignEncoder.EncodeContext(campaigns[c].Design, Contexts.AsSpan(c * DesignEncoder.ContextWidth, DesignEncoder.ContextWidth));
            DesignEncoder.EncodeOffer(campaigns[c].Design, empty, Offers.AsSpan(c * DesignEncoder.OfferWidth, DesignEncoder.OfferWidth));
        }

        scratch = new float[schema.Width];
    }

    public FeatureSchema Schema { get; }

    public IReadOnlyList<(string Id, CampaignDesign Design)> Campaigns { get; }

    public int Count => treated.Count;

    public int UserWidth => Schema.Width;

    /// <summary>Per campaign: its context vector.</summary>
    public float[] Contexts { get; }

    /// <summary>Per campaign: its offer vector with a category match of 0 (the per-row match is <see cref="Match"/>).</summary>
    public float[] Offers { get; }

    public IReadOnlyList<float> User => user;

    public IReadOnlyList<float> Match => match;

    public IReadOnlyList<int> Campaign => campaign;

    public IReadOnlyList<float> Treated => treated;

    public IReadOnlyList<float> Converted => converted;

    /// <summary>Each row's conversions in the window (orders), NaN where unknown; a converted row of an experiment that records only bought-or-not has 1.</summary>
    public IReadOnlyList<float> Orders => orders;

    public IReadOnlyList<float> LogRevenue => logRevenue;

    public IReadOnlyList<float> Revenue => revenue;

    public IReadOnlyList<float> Participated => participated;

    public IReadOnlyList<string> UserIds => userIds;

    /// <summary>Adds a row of a campaign this data knows; rows of other campaigns are skipped (false).</summary>
    public bool Add(UpliftRow row)
    {
        if (!campaignIndex.TryGetValue(row.CampaignId, out var c))
        {
            return false;
        }

        Schema.Encode(row.Features, scratch);
        user.AddRange(scratch);
        match.Add((float)DesignEncoder.CategoryMatch(Campaigns[c].Design, row.Features));
        campaign.Add(c);
        treated.Add(row.Treated ? 1 : 0);
        converted.Add(row.Conversions is { } conversions ? (conversions > 0 ? 1 : 0) : float.NaN);
        orders.Add(row.Conversions is { } count ? count : float.NaN);
        revenue.Add(row.Revenue is { } amount ? (float)amount : float.NaN);
        logRevenue.Add(row.Revenue is > 0 && row.Conversions is not 0 ? (float)Math.Log(row.Revenue.Value) : float.NaN);
        participated.Add(row.Participated is { } p ? (p ? 1 : 0) : float.NaN);
        userIds.Add(row.UserId);
        return true;
    }

    /// <summary>The rows of one campaign.</summary>
    public IEnumerable<int> RowsOf(int campaignIndexValue) => Enumerable.Range(0, Count).Where(i => campaign[i] == campaignIndexValue);
}
