using Platform.Domain.Campaigns;

namespace Platform.Domain.Modeling;

/// <summary>
/// The base level of a design the uplift model did not learn from (docs/models.md#designs-that-never-ran). Each learned
/// campaign has a level of its own: what its season and audience did without the offer, beyond what the features tell.
/// A new design borrows the levels of the campaigns whose designs are most like it, weighted by
/// exp(−d²) with d the distance between the encoded designs; the average campaign's level weighs as one at distance 1.
/// A campaign that differs only in depth, duration or window usually shares its level (d² from 0.0025 for 10% against
/// 15% off to ~0.7 for a 1-day against a 90-day window); one of another type or channel (two one-hot columns apart,
/// d² ≥ 2) weighs less than the average, and so does one with another category scope or another theme tag (two bucket
/// columns apart).
/// </summary>
public sealed class DesignNeighbours(IReadOnlyList<CampaignDesign>? learned, int campaigns)
{
    /// <summary>The squared distance at which the average campaign's level weighs as much as a learned campaign's.</summary>
    public const double AverageDistanceSquared = 1;

    // Without the learned designs (a version written before they were kept) a new design gets the average's level.
    private readonly float[][]? encoded = learned is { } designs && designs.Count == campaigns ? designs.Select(Encode).ToArray() : null;

    /// <summary>
    /// Weights over the model's levels: one per learned campaign, in order, then the average campaign's; they sum to 1.
    /// A learned campaign (<paramref name="campaignIndex"/>) is its own level.
    /// </summary>
    public float[] LevelWeights(CampaignDesign design, int? campaignIndex)
    {
        var weights = new float[campaigns + 1];
        if (campaignIndex is { } index)
        {
            weights[index] = 1;
            return weights;
        }

        if (encoded is null)
        {
            weights[campaigns] = 1;
            return weights;
        }

        var target = Encode(design);
        var raw = new double[campaigns + 1];
        for (var c = 0; c < campaigns; c++)
        {
            raw[c] = Math.Exp(-DistanceSquared(target, encoded[c]));
        }

        raw[campaigns] = Math.Exp(-AverageDistanceSquared);
        var total = raw.Sum();
        for (var i = 0; i <= campaigns; i++)
        {
            weights[i] = (float)(raw[i] / total);
        }

        return weights;
    }

    /// <summary>
    /// Each ensemble member's weights over the levels for a design. A learned campaign's own level, for every member. Any
    /// other design borrows from the mixture <see cref="LevelWeights"/> describes: member m picks the one level at the
    /// point (m + ½) ÷ members of the weights' running sum, and its weights are the mix plus that pick's difference from
    /// the picks' mean. So the members' mean level is the mix's, whatever their number or the campaigns' order, and they
    /// disagree as far as the campaigns like the design do: its forecast's interval carries the uncertainty of the level
    /// it borrows, which one mixed level for every member hid.
    /// </summary>
    public float[][] MemberWeights(CampaignDesign design, int? campaignIndex, int members)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 1);
        var weights = LevelWeights(design, campaignIndex);
        if (campaignIndex is not null)
        {
            return Enumerable.Range(0, members).Select(_ => (float[])weights.Clone()).ToArray();
        }

        var picks = new int[members];
        var shares = new double[weights.Length]; // of the members that pick each level
        for (var m = 0; m < members; m++)
        {
            picks[m] = LevelAt((m + 0.5) / members, weights);
            shares[picks[m]] += 1.0 / members;
        }

        return picks.Select(pick => weights.Select((w, i) => (float)(w - shares[i] + (i == pick ? 1 : 0))).ToArray()).ToArray();
    }

    // The level where the weights' running sum passes the point (the last one if rounding leaves the sum short of it).
    private static int LevelAt(double point, float[] weights)
    {
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            if (point < sum)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    // The design as the model reads it (context, then offer), without any user's category match.
    private static float[] Encode(CampaignDesign design)
    {
        var vector = new float[DesignEncoder.ContextWidth + DesignEncoder.OfferWidth];
        DesignEncoder.EncodeContext(design, vector.AsSpan(0, DesignEncoder.ContextWidth));
        DesignEncoder.EncodeOffer(design, EmptyFeatures, vector.AsSpan(DesignEncoder.ContextWidth));
        return vector;
    }

    private static double DistanceSquared(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = (double)a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }

    private static readonly IReadOnlyDictionary<string, FeatureValue> EmptyFeatures = new Dictionary<string, FeatureValue>();
}
