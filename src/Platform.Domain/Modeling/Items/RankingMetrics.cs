namespace Platform.Domain.Modeling.Items;

/// <summary>Hit rate and NDCG at k from the 1-based rank of each held-out item among every item the user had not seen.</summary>
public static class RankingMetrics
{
    public static double HitRate(IReadOnlyList<int> ranks, int k) => ranks.Count == 0 ? double.NaN : ranks.Count(r => r <= k) / (double)ranks.Count;

    /// <summary>With one relevant item the ideal DCG is 1, so NDCG@k = 1 / log2(rank + 1) when rank ≤ k, else 0.</summary>
    public static double Ndcg(IReadOnlyList<int> ranks, int k) => ranks.Count == 0 ? double.NaN : ranks.Average(r => r <= k ? 1 / Math.Log2(r + 1) : 0);

    /// <summary>
    /// The rank of <paramref name="target"/> by <paramref name="scores"/> (higher first) among items not in
    /// <paramref name="seen"/>; the target counts even when seen before. Ties count against the target.
    /// </summary>
    public static int RankOf(ReadOnlySpan<float> scores, int target, IReadOnlySet<int> seen)
    {
        var score = scores[target];
        var rank = 1;
        for (var i = 0; i < scores.Length; i++)
        {
            if (i != target && !seen.Contains(i) && scores[i] >= score)
            {
                rank++;
            }
        }

        return rank;
    }
}
