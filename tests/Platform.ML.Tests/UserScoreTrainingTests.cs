using Platform.Domain.Modeling;
using Platform.Domain.Modeling.UserScores;
using Platform.ML.Training;
using Platform.ML.UserScores;
using Platform.Simulation;
using static TorchSharp.torch;

namespace Platform.ML.Tests;

/// <summary>The user-score model on the simulated shop's users: what they did in the 30 days after the cutoff is known.</summary>
public sealed class UserScoreTrainingTests
{
    private static readonly Lazy<IReadOnlyList<UserScoreRow>> Simulated = new(() =>
        SimulatedUserScoreData.Rows(new SimulatedWorld(new WorldOptions(Seed: 13, Users: 5_000, Now: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero))), 5_000));

    public UserScoreTrainingTests() => TorchRuntime.Initialize(threads: 2);

    [Fact]
    public async Task PropensityAndChurnRankAndAreCalibratedOnHeldOutUsersBesideTheLogisticBaseline()
    {
        var rows = Simulated.Value;
        Assert.InRange(rows.Count(r => r.Outcome.Purchased), 100, rows.Count - 100); // the simulation has buyers and non-buyers

        var (model, report) = await new UserScoreTraining(new UserScoreTraining.Options(Seed: 3, MaxEpochs: 15)).RunAsync(() => Rows(rows), CPU, _ => { }, CancellationToken.None);

        using (model)
        {
            // The simulated users' next 30 days are hard to call from their past (AUC ≈ 0.65): the network must rank as
            // well as the logistic baseline and be calibrated (docs/models.md#user-scores has the figures).
            var (m, b) = (report.Model, report.Baseline);
            Assert.True(m.PropensityAuc > 0.6 && m.PropensityAuc > b.PropensityAuc - 0.02, $"propensity AUC: model {m.PropensityAuc:F3}, baseline {b.PropensityAuc:F3}");
            Assert.True(m.ChurnAuc > 0.6 && m.ChurnAuc > b.ChurnAuc - 0.02, $"churn AUC: model {m.ChurnAuc:F3}, baseline {b.ChurnAuc:F3}");
            Assert.True(m.PropensityCalibrationError < 0.05, $"propensity calibration error {m.PropensityCalibrationError:F3}");
            Assert.True(m.SpendSpearman > 0.05 && m.SpendSpearman > b.SpendSpearman - 0.1, $"spend Spearman: model {m.SpendSpearman:F3}, baseline {b.SpendSpearman:F3}");
            var split = new DataSplit(3);
            var latestTrain = rows.Count(r => r.Snapshot == 0 && split.Of(r.UserId) == SplitPart.Train);
            Assert.Equal(rows.Count(r => r.Snapshot == 0 || split.Of(r.UserId) == SplitPart.Train), report.TrainRows + report.ValidationUsers + report.TestUsers); // the others at the latest cutoff only
            Assert.InRange(report.TrainRows, latestTrain + 1, int.MaxValue); // earlier cutoffs add training rows
            Assert.InRange(report.Personas.Count, 2, Personas.MaxK);
            Assert.Equal(1.0, report.Personas.Sum(p => p.Share), 6);
            Assert.All(report.Personas, p => Assert.NotEmpty(p.Traits));
            Assert.Equal(report.Personas.Count, report.PersonaChoices.MaxBy(c => c.Silhouette)!.K);
        }
    }

    [Fact]
    public async Task SameDataSeedAndThreadsGiveBitIdenticalWeightsAndTheBytesScoreTheSame()
    {
        var rows = Simulated.Value.Take(1_500).ToList();
        var options = new UserScoreTraining.Options(Seed: 5, MaxEpochs: 2);

        var (first, _) = await new UserScoreTraining(options).RunAsync(() => Rows(rows), CPU, _ => { }, CancellationToken.None);
        var (second, _) = await new UserScoreTraining(options).RunAsync(() => Rows(rows), CPU, _ => { }, CancellationToken.None);

        using (first)
        using (second)
        using (var loaded = UserScoreModel.FromBytes(first.ToBytes(), CPU))
        {
            Assert.Equal(first.ToBytes(), second.ToBytes());
            var data = new UserScoreData(first.Schema);
            rows.Take(50).ToList().ForEach(data.Add);
            var vectors = data.Vectors(Enumerable.Range(0, data.Count).ToList());
            Assert.Equal(first.Score(vectors, CPU), loaded.Score(vectors, CPU), new ScoresComparer());
        }
    }

    [Fact]
    public async Task OneUserScoredOnArraysGetsWhatTheTensorPassGivesThem()
    {
        var rows = Simulated.Value.Take(1_500).ToList();
        var (model, _) = await new UserScoreTraining(new UserScoreTraining.Options(Seed: 7, MaxEpochs: 2)).RunAsync(() => Rows(rows), CPU, _ => { }, CancellationToken.None);

        using (model)
        {
            var data = new UserScoreData(model.Schema);
            rows.Take(200).ToList().ForEach(data.Add);
            var vectors = data.Vectors(Enumerable.Range(0, data.Count).ToList());
            var together = model.Score(vectors, CPU);
            Assert.True(together.Persona.Distinct().Count() > 1, "the sample spans personas");
            for (var i = 0; i < data.Count; i++)
            {
                var alone = model.ScoreOne(vectors.AsSpan(i * model.Schema.Width, model.Schema.Width));
                var row = new UserScoreModel.Scores([together.Propensity[i]], [together.Churn[i]], [together.Spend[i]], [together.Persona[i]]);
                Assert.Equal(row, alone, new ScoresComparer());
            }

            Assert.Throws<ArgumentException>(() => model.ScoreOne(new float[model.Schema.Width + 1]));
        }
    }

    [Fact]
    public async Task TooFewUsersIsRefusedWithTheReason()
    {
        var rows = Simulated.Value.Take(100).ToList();

        var refused = await Assert.ThrowsAsync<NotEnoughDataException>(() =>
            new UserScoreTraining(new UserScoreTraining.Options()).RunAsync(() => Rows(rows), CPU, _ => { }, CancellationToken.None));

        Assert.StartsWith("Too little data to learn from", refused.Message);
    }

    private static async IAsyncEnumerable<UserScoreRow> Rows(IEnumerable<UserScoreRow> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }

    private sealed class ScoresComparer : IEqualityComparer<UserScoreModel.Scores>
    {
        // Equal to float precision: a forward pass may sum in another order when its input lies elsewhere in memory.
        public bool Equals(UserScoreModel.Scores? x, UserScoreModel.Scores? y) =>
            Close(x!.Propensity, y!.Propensity) && Close(x.Churn, y.Churn) && Close(x.Spend, y.Spend) && x.Persona.SequenceEqual(y.Persona);

        private static bool Close(double[] a, double[] b) => a.Length == b.Length && a.Zip(b).All(p => Math.Abs(p.First - p.Second) <= 1e-5 * Math.Max(1, Math.Abs(p.First)));

        public int GetHashCode(UserScoreModel.Scores obj) => 0;
    }
}
