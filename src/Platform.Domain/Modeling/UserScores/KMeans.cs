namespace Platform.Domain.Modeling.UserScores;

/// <summary>Seeded k-means (k-means++ start, Lloyd iterations) and the silhouette score that chooses k.</summary>
public static class KMeans
{
    public sealed record Clustering(float[][] Centroids, int[] Assignments);

    public static Clustering Fit(IReadOnlyList<float[]> points, int k, int seed, int iterations = 50)
    {
        if (k < 1 || k > points.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"k must be between 1 and the {points.Count} points.");
        }

        var random = new Random(seed);
        var centroids = new List<float[]> { (float[])points[random.Next(points.Count)].Clone() };
        var nearest = points.Select(p => SquaredDistance(p, centroids[0])).ToArray();
        while (centroids.Count < k)
        {
            var total = nearest.Sum();
            var pick = random.NextDouble() * total;
            var chosen = 0;
            for (var acc = nearest[0]; acc < pick && chosen < points.Count - 1; acc += nearest[++chosen])
            {
            }

            centroids.Add((float[])points[chosen].Clone());
            for (var i = 0; i < points.Count; i++)
            {
                nearest[i] = Math.Min(nearest[i], SquaredDistance(points[i], centroids[^1]));
            }
        }

        var assignments = new int[points.Count];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var moved = false;
            for (var i = 0; i < points.Count; i++)
            {
                var closest = Closest(centroids, points[i]);
                moved |= closest != assignments[i];
                assignments[i] = closest;
            }

            for (var c = 0; c < k; c++)
            {
                var members = Enumerable.Range(0, points.Count).Where(i => assignments[i] == c).ToList();
                if (members.Count > 0)
                {
                    centroids[c] = Enumerable.Range(0, points[0].Length).Select(d => (float)members.Average(i => points[i][d])).ToArray();
                }
            }

            if (!moved && iteration > 0)
            {
                break;
            }
        }

        return new Clustering([.. centroids], assignments);
    }

    /// <summary>The index of the centroid nearest to <paramref name="point"/>.</summary>
    public static int Closest(IReadOnlyList<float[]> centroids, float[] point)
    {
        var (best, distance) = (0, double.MaxValue);
        for (var c = 0; c < centroids.Count; c++)
        {
            var d = SquaredDistance(point, centroids[c]);
            if (d < distance)
            {
                (best, distance) = (c, d);
            }
        }

        return best;
    }

    /// <summary>
    /// Mean silhouette: for each point, (b − a) / max(a, b) with a its mean distance to its own cluster and b to the nearest
    /// other cluster; from −1 to 1, higher is better separated. A point alone in its cluster counts 0.
    /// </summary>
    public static double Silhouette(IReadOnlyList<float[]> points, IReadOnlyList<int> assignments)
    {
        var clusters = assignments.Distinct().Count();
        if (clusters < 2)
        {
            return 0;
        }

        var total = 0.0;
        for (var i = 0; i < points.Count; i++)
        {
            var sums = new Dictionary<int, (double Sum, int Count)>();
            for (var j = 0; j < points.Count; j++)
            {
                if (i != j)
                {
                    var (sum, count) = sums.GetValueOrDefault(assignments[j]);
                    sums[assignments[j]] = (sum + Math.Sqrt(SquaredDistance(points[i], points[j])), count + 1);
                }
            }

            if (!sums.TryGetValue(assignments[i], out var own) || own.Count == 0)
            {
                continue;
            }

            var a = own.Sum / own.Count;
            var b = sums.Where(s => s.Key != assignments[i]).Min(s => s.Value.Sum / s.Value.Count);
            total += (b - a) / Math.Max(Math.Max(a, b), 1e-12);
        }

        return total / points.Count;
    }

    public static double SquaredDistance(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var d = 0; d < a.Length; d++)
        {
            var difference = (double)a[d] - b[d];
            sum += difference * difference;
        }

        return sum;
    }
}
