namespace Platform.ML.Uplift;

/// <summary>
/// Each campaign's effect offset (<see cref="UpliftNetwork.CampaignEffects"/>): the shift of its treated rows'
/// conversion logits that makes the conversions they predict add up to those observed, shrunk towards 0 by
/// <see cref="PseudoRows"/> rows that convert as predicted, so a campaign with a small treated side keeps most of what
/// its design alone predicts.
/// </summary>
public static class CampaignEffectFit
{
    public const double PseudoRows = 20;

    /// <summary>The largest shift either way: a treated side that converted far beyond (or short of) its prediction stops there.</summary>
    public const double Largest = 5;

    /// <param name="campaigns">How many campaigns there are; one offset each, 0 for a campaign without treated rows.</param>
    /// <param name="rows">Each treated row with a known outcome: its campaign, its predicted treated conversion logit, whether it converted.</param>
    /// <returns>Offsets within ±<see cref="Largest"/>.</returns>
    public static double[] Solve(int campaigns, IEnumerable<(int Campaign, double Logit, bool Converted)> rows)
    {
        var offsets = new double[campaigns];
        foreach (var group in rows.Where(r => double.IsFinite(r.Logit)).GroupBy(r => r.Campaign))
        {
            var logits = group.Select(r => r.Logit).ToArray();
            var predicted = Math.Clamp(logits.Average(Sigmoid), 1e-6, 1 - 1e-6);
            offsets[group.Key] = Root(logits, group.Count(r => r.Converted), Math.Log(predicted / (1 - predicted)), predicted);
        }

        return offsets;
    }

    // The root of f(δ) = observed − Σ σ(z + δ) + PseudoRows · (p̄ − σ(logit p̄ + δ)), which falls as δ grows, by bisection
    // within ±Largest (Newton's steps can cycle on the sigmoid's flat tails).
    private static double Root(double[] logits, int observed, double pseudoLogit, double pseudoRate)
    {
        double F(double offset) => observed + (PseudoRows * (pseudoRate - Sigmoid(pseudoLogit + offset))) - logits.Sum(z => Sigmoid(z + offset));

        var (low, high) = (-Largest, Largest);
        if (F(high) >= 0)
        {
            return high;
        }

        if (F(low) <= 0)
        {
            return low;
        }

        for (var step = 0; step < 50; step++)
        {
            var middle = (low + high) / 2;
            (low, high) = F(middle) > 0 ? (middle, high) : (low, middle);
        }

        return (low + high) / 2;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
