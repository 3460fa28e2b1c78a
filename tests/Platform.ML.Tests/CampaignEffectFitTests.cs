using Platform.ML.Uplift;

namespace Platform.ML.Tests;

public sealed class CampaignEffectFitTests
{
    [Fact]
    public void ALargeTreatedSideGetsTheShiftThatMatchesWhatItDid()
    {
        // 20,000 rows predicted at logit −2 (11.9%) that converted at the rate of logit −1.5 (18.2%): the shift is about 0.5.
        var random = new Random(4);
        var rows = Enumerable.Range(0, 20_000).Select(_ => (0, -2.0, random.NextDouble() < Sigmoid(-1.5))).ToList();

        var offsets = CampaignEffectFit.Solve(1, rows);

        Assert.InRange(offsets[0], 0.45, 0.55);
        var predicted = rows.Sum(r => Sigmoid(r.Item2 + offsets[0]));
        var observed = rows.Count(r => r.Item3);
        Assert.InRange(predicted - observed, -CampaignEffectFit.PseudoRows, CampaignEffectFit.PseudoRows);
    }

    [Fact]
    public void ASmallTreatedSideKeepsMoreOfWhatItsDesignPredicts()
    {
        // The same shortfall (predicted 10%, converted 20%) on 50 rows and on 5,000.
        static List<(int, double, bool)> Rows(int campaign, int count) =>
            Enumerable.Range(0, count).Select(i => (campaign, Math.Log(0.1 / 0.9), i % 5 == 0)).ToList();

        var offsets = CampaignEffectFit.Solve(2, Rows(0, 50).Concat(Rows(1, 5_000)));

        Assert.True(offsets[0] > 0 && offsets[0] < offsets[1], $"small {offsets[0]:F3}, large {offsets[1]:F3}");
        Assert.InRange(offsets[1], Math.Log(0.2 / 0.8) - Math.Log(0.1 / 0.9) - 0.02, Math.Log(0.2 / 0.8) - Math.Log(0.1 / 0.9));
    }

    [Fact]
    public void ACampaignWithoutTreatedRowsOrThatConvertedAsPredictedIsNotShifted()
    {
        var rows = Enumerable.Range(0, 1_000).Select(i => (1, Math.Log(0.25 / 0.75), i % 4 == 0));

        var offsets = CampaignEffectFit.Solve(3, rows);

        Assert.Equal(0, offsets[0]);
        Assert.InRange(offsets[1], -1e-6, 1e-6);
        Assert.Equal(0, offsets[2]);
    }

    [Fact]
    public void AShiftFarOutOnTheSigmoidsTailIsFoundAndOneBeyondTheBoundStopsThere()
    {
        // Predicted at logit −2 (11.9%), converted 73.1% (logit 1): a shift of about 3, where Newton's steps from 0 cycle.
        var far = Enumerable.Range(0, 10_000).Select(i => (0, -2.0, i < 7_311));
        // Nothing converted of 100,000 predicted at 50%, and everything converted of 100,000 predicted at 50%.
        var none = Enumerable.Range(0, 100_000).Select(_ => (1, 0.0, false));
        var all = Enumerable.Range(0, 100_000).Select(_ => (2, 0.0, true));

        var offsets = CampaignEffectFit.Solve(3, far.Concat(none).Concat(all));

        Assert.InRange(offsets[0], 2.95, 3.0);
        Assert.Equal(-CampaignEffectFit.Largest, offsets[1]);
        Assert.Equal(CampaignEffectFit.Largest, offsets[2]);
    }

    [Fact]
    public void ARowWhosePredictionIsNotANumberIsLeftOut()
    {
        var rows = Enumerable.Range(0, 1_000).Select(i => (0, i == 0 ? double.NaN : Math.Log(0.25 / 0.75), i % 4 == 1));

        var offsets = CampaignEffectFit.Solve(1, rows);

        Assert.True(double.IsFinite(offsets[0]) && Math.Abs(offsets[0]) < 0.01, $"{offsets[0]}");
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
