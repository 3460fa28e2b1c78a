using Platform.Domain.Modeling;

namespace Platform.Domain.Tests.Modeling;

public sealed class ClassificationMetricsTests
{
    [Fact]
    public void AucIsTheShareOfPositiveNegativePairsRankedRightWithTiesCountingHalf()
    {
        var random = new Random(3);
        var scores = Enumerable.Range(0, 300).Select(_ => Math.Round(random.NextDouble(), 1)).ToList(); // many ties
        var outcomes = scores.Select(s => random.NextDouble() < s).ToList();

        var pairs = 0.0;
        var right = 0.0;
        for (var i = 0; i < scores.Count; i++)
        {
            for (var j = 0; j < scores.Count; j++)
            {
                if (outcomes[i] && !outcomes[j])
                {
                    pairs++;
                    right += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }

        Assert.Equal(right / pairs, ClassificationMetrics.Auc(scores, outcomes), 12);
    }

    [Fact]
    public void AucNeedsBothClasses() => Assert.True(double.IsNaN(ClassificationMetrics.Auc([0.2, 0.4], [true, true])));

    [Fact]
    public void LogLossIsTheMeanNegativeLogLikelihood() =>
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.6)) / 2, ClassificationMetrics.LogLoss([0.8, 0.4], [true, false]), 12);

    [Fact]
    public void ACalibratedModelHasNoCalibrationErrorAndAShiftedOneHasItsShift()
    {
        var probabilities = Enumerable.Repeat(0.25, 400).Concat(Enumerable.Repeat(0.75, 400)).ToList();
        var outcomes = Enumerable.Range(0, 400).Select(i => i % 4 == 0).Concat(Enumerable.Range(0, 400).Select(i => i % 4 != 0)).ToList();

        Assert.Equal(0, ClassificationMetrics.CalibrationError(probabilities, outcomes), 12);
        Assert.Equal(0.1, ClassificationMetrics.CalibrationError(probabilities.Select(p => p + 0.1).ToList(), outcomes), 12);
    }
}
