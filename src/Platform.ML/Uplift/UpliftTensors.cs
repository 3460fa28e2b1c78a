using static TorchSharp.torch;

namespace Platform.ML.Uplift;

/// <summary><see cref="UpliftData"/> as tensors on a device, and the batches taken from them.</summary>
public sealed class UpliftTensors : IDisposable
{
    public UpliftTensors(UpliftData data, Device device)
    {
        Count = data.Count;
        Users = tensor(data.User.ToArray(), [data.Count, data.UserWidth]).to(device);
        Campaign = tensor(data.Campaign.Select(c => (long)c).ToArray()).to(device);
        Match = tensor(data.Match.ToArray()).to(device);
        Treated = tensor(data.Treated.ToArray()).to(device);
        Converted = tensor(data.Converted.ToArray()).to(device);
        var values = data.LogRevenue.Where(v => !float.IsNaN(v)).ToList();
        ValueMean = values.Count > 0 ? values.Average() : 0;
        ValueScale = values.Count > 1 ? Math.Max(1e-3, Math.Sqrt(values.Average(v => (v - ValueMean) * (v - ValueMean)))) : 1;
        LogRevenue = tensor(data.LogRevenue.Select(v => (float)((v - ValueMean) / ValueScale)).ToArray()).to(device);
        Participated = tensor(data.Participated.ToArray()).to(device);
        Contexts = tensor(data.Contexts, [data.Campaigns.Count, Domain.Modeling.DesignEncoder.ContextWidth]).to(device);
        Offers = tensor(data.Offers, [data.Campaigns.Count, Domain.Modeling.DesignEncoder.OfferWidth]).to(device);
        Device = device;
        Campaigns = data.Campaigns;
        TreatedRows = data.Treated.Select(t => t > 0.5f).ToArray();
        ConvertedRows = data.Converted.ToArray();
        CampaignRows = data.Campaign.ToArray();
        Balance = tensor(BalanceWeights(data), device: device);
    }

    /// <summary>The campaigns and their designs, in the order of the rows' campaign indexes.</summary>
    public IReadOnlyList<(string Id, Domain.Campaigns.CampaignDesign Design)> Campaigns { get; }

    /// <summary>How many of the given rows each campaign has.</summary>
    public IReadOnlyList<int> RowsPerCampaign(IReadOnlyList<int> rows)
    {
        var counts = new int[Contexts.shape[0]];
        foreach (var row in rows)
        {
            counts[CampaignRows[row]]++;
        }

        return counts;
    }

    /// <summary>Which rows are on the treated side, on the host.</summary>
    public bool[] TreatedRows { get; }

    /// <summary>Each row's conversion (NaN where not known), on the host.</summary>
    public float[] ConvertedRows { get; }

    /// <summary>
    /// Per row: the weight that gives both sides of its campaign the same total weight (campaign rows ÷ (2 × its side's
    /// rows)), so a small holdout counts as much as a large treated side when the model separates a campaign's level
    /// from its effect.
    /// </summary>
    public Tensor Balance { get; }

    /// <summary>Each row's campaign index, on the host.</summary>
    public int[] CampaignRows { get; }

    public int Count { get; }

    public Device Device { get; }

    public Tensor Users { get; }

    public Tensor Campaign { get; }

    public Tensor Match { get; }

    public Tensor Treated { get; }

    public Tensor Converted { get; }

    /// <summary>Log order values standardized by <see cref="ValueMean"/> and <see cref="ValueScale"/> (NaN where there is none).</summary>
    public Tensor LogRevenue { get; }

    /// <summary>The mean log order value of the rows that have one: the network predicts log values in these units.</summary>
    public double ValueMean { get; }

    public double ValueScale { get; }

    public Tensor Participated { get; }

    public Tensor Contexts { get; }

    public Tensor Offers { get; }

    /// <summary>The inputs of the given rows: user vectors, contexts, offers with each row's category match, and campaign indexes.</summary>
    public (Tensor User, Tensor Context, Tensor Offer, Tensor Campaign) Inputs(Tensor rows)
    {
        var campaigns = Campaign.index_select(0, rows);
        var offers = Offers.index_select(0, campaigns);
        var width = offers.shape[1];
        var offer = cat([offers.narrow(1, 0, width - 1), Match.index_select(0, rows).unsqueeze(1)], 1);
        return (Users.index_select(0, rows), Contexts.index_select(0, campaigns), offer, campaigns);
    }

    private static float[] BalanceWeights(UpliftData data)
    {
        var sides = new Dictionary<(int, bool), int>();
        var perCampaign = new Dictionary<int, int>();
        for (var i = 0; i < data.Count; i++)
        {
            var key = (data.Campaign[i], data.Treated[i] > 0.5f);
            sides[key] = sides.GetValueOrDefault(key) + 1;
            perCampaign[data.Campaign[i]] = perCampaign.GetValueOrDefault(data.Campaign[i]) + 1;
        }

        return Enumerable.Range(0, data.Count).Select(i => perCampaign[data.Campaign[i]] / (2f * sides[(data.Campaign[i], data.Treated[i] > 0.5f)])).ToArray();
    }

    public void Dispose()
    {
        foreach (var t in new[] { Users, Campaign, Match, Treated, Converted, LogRevenue, Participated, Contexts, Offers, Balance })
        {
            t.Dispose();
        }
    }
}
