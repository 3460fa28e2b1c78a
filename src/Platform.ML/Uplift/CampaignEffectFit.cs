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

    private const double Largest = 5;

    /// <param name="campaigns">How many campaigns there are; one offset each, 0 for a campaign without treated rows.</param>
    /// <param name="rows">Each treated row with a known outcome: its campaign, its predicted treated conversion logit, whether it converted.</param>
    public static double[] Solve(int campaigns, IEnumerable<(int Campaign, double Logit, bool Converted)> rows)
    {
        var offsets = new double[campaigns];
        foreach (var group in rows.GroupBy(r => r.Campaign))
        {
            var logits = group.Select(r => r.Logit).ToArray();
            var predicted = Math.Clamp(logits.Average(Sigmoid), 1e-6, 1 - 1e-6);
            offsets[group.Key] = Root(logits, group.Count(r => r.Converted), Math.Log(predicted / (1 - predicted)), predicted);
        }

        return offsets;
    }

    // Newton's method on f(δ) = observed − Σ σ(z + δ) + PseudoRows · (p̄ − σ(logit p̄ + δ)), which falls as δ grows.
    private static double Root(double[] logits, int observed, double pseudoLogit, double pseudoRate)
    {
        var offset = 0.0;
        for (var step = 0; step < 50; step++)
        {
            var pseudo = Sigmoid(pseudoLogit + offset);
            var value = observed + (PseudoRows * (pseudoRate - pseudo));
            var slope = PseudoRows * pseudo * (1 - pseudo);
            foreach (var z in logits)
            {
                var p = Sigmoid(z + offset);
                value -= p;
                slope += p * (1 - p);
            }

            var next = Math.Clamp(offset + (value / Math.Max(slope, 1e-9)), -Largest, Largest);
            if (Math.Abs(next - offset) < 1e-7)
            {
                return next;
            }

            offset = next;
        }

        return offset;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
