using Platform.Domain.Modeling.UserScores;

namespace Platform.Domain.Tests.Modeling.UserScores;

public sealed class PersonasTests
{
    // Three tight blobs in two dimensions; the second column also says which blob a point is in.
    private static (List<float[]> Points, List<float[]> Columns) Blobs()
    {
        var random = new Random(4);
        var centers = new[] { (0f, 0f), (10f, 0f), (0f, 10f) };
        var points = new List<float[]>();
        var columns = new List<float[]>();
        for (var i = 0; i < 300; i++)
        {
            var (x, y) = centers[i % 3];
            points.Add([x + (float)random.NextDouble(), y + (float)random.NextDouble()]);
            columns.Add([(float)random.NextDouble(), i % 3 == 1 ? 1f : 0f]);
        }

        return (points, columns);
    }

    [Fact]
    public void KMeansSeparatesBlobsAndTheSilhouetteSaysSo()
    {
        var (points, _) = Blobs();

        var clustering = KMeans.Fit(points, 3, seed: 1);

        for (var blob = 0; blob < 3; blob++)
        {
            Assert.Single(Enumerable.Range(0, points.Count).Where(i => i % 3 == blob).Select(i => clustering.Assignments[i]).Distinct());
        }

        Assert.True(KMeans.Silhouette(points, clustering.Assignments) > 0.8);
        Assert.True(KMeans.Silhouette(points, KMeans.Fit(points, 2, seed: 1).Assignments) < KMeans.Silhouette(points, clustering.Assignments));
    }

    [Fact]
    public void TheSilhouetteChoosesKAndEachPersonaIsDescribedByWhatSetsItApart()
    {
        var (points, columns) = Blobs();

        var result = Personas.Find(points, columns, ["noise", "segment=b"], [true, false], seed: 1);

        Assert.Equal(3, result.Personas.Count);
        Assert.Equal(3, result.Choices.MaxBy(c => c.Silhouette)!.K);
        var b = Assert.Single(result.Personas, p => p.Traits[0].Column == "segment=b" && p.Traits[0].StandardizedDifference > 0);
        Assert.Equal(1.0 / 3, b.Share, 6);
        Assert.StartsWith("segment=b: 100% vs 33% of everyone", b.Description);
    }

    [Fact]
    public void TooFewUsersGiveNoPersonas()
    {
        Assert.Empty(Personas.Find([[1f], [2f]], [[1f], [2f]], ["x"], [true], seed: 1).Personas);
    }
}
