namespace Platform.Domain.Modeling.Items;

/// <summary>The popularity baseline: every user gets the items with the most training interactions.</summary>
public sealed class PopularityRecommender(IReadOnlyList<int[]> train, int items)
{
    private readonly float[] counts = Count(train, items);

    public float[] Scores(int[] history) => counts;

    private static float[] Count(IReadOnlyList<int[]> train, int items)
    {
        var counts = new float[items];
        foreach (var sequence in train)
        {
            foreach (var item in sequence)
            {
                counts[item]++;
            }
        }

        return counts;
    }
}
