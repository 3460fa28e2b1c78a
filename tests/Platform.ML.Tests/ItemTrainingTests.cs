using Platform.Domain.Modeling.Items;
using Platform.ML.Items;
using Platform.ML.Training;
using Platform.Simulation;
using static TorchSharp.torch;

namespace Platform.ML.Tests;

/// <summary>The item recommender on the simulated shop: each user's last item is held out and ranked among all items.</summary>
public sealed class ItemTrainingTests
{
    private static readonly Lazy<(SimulatedWorld World, ItemSequences Data)> Simulated = new(() =>
    {
        var world = new SimulatedWorld(new WorldOptions(Seed: 19, Users: 3_000, Now: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        return (world, SimulatedItemData.Sequences(world, 3_000));
    });

    public ItemTrainingTests() => TorchRuntime.Initialize(threads: 2);

    [Fact]
    public void TheRecommenderRanksTheNextItemBesidePopularityAndItemKnn()
    {
        var (world, data) = Simulated.Value;

        var (model, report) = new ItemTraining(new ItemTraining.Options(Seed: 3, MaxEpochs: 8)).Run(data, SimulatedItemData.Facts(world), CPU, _ => { }, CancellationToken.None);

        using (model)
        {
            var better = Math.Max(report.Popularity.NdcgAt10, report.ItemKnn.NdcgAt10);
            Assert.True(report.Model.NdcgAt10 >= 1.3 * better, $"NDCG@10: model {report.Model.NdcgAt10:F4}, popularity {report.Popularity.NdcgAt10:F4}, item-kNN {report.ItemKnn.NdcgAt10:F4}");
            Assert.InRange(report.Model.HitRateAt10, report.Model.NdcgAt10, 1);
            using var read = ItemModel.FromBytes(model.ToBytes(), CPU);
            Assert.Equal(report.Model.NdcgAt10, ItemTraining.Evaluate(read, data, CPU).NdcgAt10, 5);

            // Serving reads popularity (training interactions per item) and item similarities from the version.
            Assert.Equal(model.Popularity, read.Popularity);
            Assert.Equal((data.Items.Count, true), (read.Popularity!.Length, read.Popularity.All(c => c >= 0) && read.Popularity.Sum() > 0));
            Assert.Equal(1, read.Similarity(0, 0), 5);
            Assert.Equal(read.Similarity(0, 1), read.Similarity(1, 0), 6);
        }
    }

    [Fact]
    public void SameDataSeedAndThreadsGiveBitIdenticalWeights()
    {
        var (world, data) = Simulated.Value;
        var options = new ItemTraining.Options(Seed: 5, MaxEpochs: 2, Negatives: 64); // sampled negatives: their draws are seeded too

        var (first, _) = new ItemTraining(options).Run(data, SimulatedItemData.Facts(world), CPU, _ => { }, CancellationToken.None);
        var (second, _) = new ItemTraining(options).Run(data, SimulatedItemData.Facts(world), CPU, _ => { }, CancellationToken.None);

        using (first)
        using (second)
        {
            Assert.Equal(first.ToBytes(), second.ToBytes());
        }
    }

    [Fact]
    public void WithoutACatalogItLearnsFromIdsAlone()
    {
        var (_, data) = Simulated.Value;

        var (model, report) = new ItemTraining(new ItemTraining.Options(Seed: 3, MaxEpochs: 4)).Run(data, _ => (null, null), CPU, _ => { }, CancellationToken.None);

        using (model)
        {
            Assert.True(report.Model.NdcgAt10 > report.Popularity.NdcgAt10, $"NDCG@10: model {report.Model.NdcgAt10:F4}, popularity {report.Popularity.NdcgAt10:F4}");
        }
    }

    [Fact]
    public void ALargeCatalogTrainsOnSampledNegatives()
    {
        var (world, data) = Simulated.Value;

        // 64 sampled items stand for a catalog too large for a full softmax.
        var (model, report) = new ItemTraining(new ItemTraining.Options(Seed: 3, MaxEpochs: 10, Negatives: 64)).Run(data, SimulatedItemData.Facts(world), CPU, _ => { }, CancellationToken.None);

        using (model)
        {
            Assert.True(report.Model.NdcgAt10 > report.ItemKnn.NdcgAt10, $"NDCG@10: model {report.Model.NdcgAt10:F4}, item-kNN {report.ItemKnn.NdcgAt10:F4}");
        }
    }

    [Fact]
    public void TooFewUsersIsRefusedWithTheReason()
    {
        var data = new ItemSequences();
        data.Add("u1", ["a", "b", "c"]);

        var refused = Assert.Throws<NotEnoughDataException>(() => new ItemTraining(new ItemTraining.Options()).Run(data, _ => (null, null), CPU, _ => { }, CancellationToken.None));

        Assert.StartsWith("Too little data to learn from", refused.Message);
    }
}
