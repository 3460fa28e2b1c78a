namespace Platform.Domain.Modeling.Items;

/// <summary>
/// The item-kNN baseline: two items are similar by the cosine of the sets of users who interacted with them (in each
/// user's last <see cref="MaxHistory"/> training items), each item keeps its <see cref="Neighbours"/> most similar, and a
/// user's score for an item is the sum of its similarities to the user's last <see cref="MaxHistory"/> items.
/// </summary>
public sealed class ItemKnnRecommender
{
    public const int MaxHistory = 50;
    public const int Neighbours = 100;

    private readonly int items;
    private readonly (int Item, float Similarity)[][] neighbours;

    public ItemKnnRecommender(IReadOnlyList<int[]> train, int items)
    {
        this.items = items;
        var users = new int[items];
        var together = new Dictionary<int, int>[items];
        foreach (var sequence in train)
        {
            var distinct = sequence.TakeLast(MaxHistory).Distinct().ToArray();
            foreach (var a in distinct)
            {
                users[a]++;
                var row = together[a] ??= [];
                foreach (var b in distinct)
                {
                    if (a != b)
                    {
                        row[b] = row.GetValueOrDefault(b) + 1;
                    }
                }
            }
        }

        neighbours = Enumerable.Range(0, items).Select(a => together[a] is not { } row
            ? []
            : row.Select(p => (Item: p.Key, Similarity: (float)(p.Value / Math.Sqrt((double)users[a] * users[p.Key]))))
                .OrderByDescending(p => p.Similarity).ThenBy(p => p.Item).Take(Neighbours).ToArray()).ToArray();
    }

    public float[] Scores(int[] history)
    {
        var scores = new float[items];
        foreach (var item in history.TakeLast(MaxHistory).Distinct())
        {
            foreach (var (neighbour, similarity) in neighbours[item])
            {
                scores[neighbour] += similarity;
            }
        }

        return scores;
    }
}
