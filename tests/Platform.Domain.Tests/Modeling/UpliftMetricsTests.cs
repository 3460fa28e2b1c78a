using Platform.Domain.Modeling;

namespace Platform.Domain.Tests.Modeling;

public sealed class UpliftMetricsTests
{
    private static readonly UpliftObservation[] Four =
    [
        new(0.9, Treated: true, Outcome: 1), new(0.8, Treated: false, Outcome: 0), new(0.7, Treated: true, Outcome: 0), new(0.1, Treated: false, Outcome: 1),
    ];

    [Fact]
    public void TheQiniCurveFollowsTheDefinitionAtEachCut() =>
        Assert.Equal([(0, 0.0), (1, 1.0), (2, 1.0), (3, 1.0), (4, 0.0)], UpliftMetrics.QiniCurve(Four));

    [Fact]
    public void TheQiniCoefficientIsTheAreaAboveTheRandomLineOverNSquared() =>
        Assert.Equal(3.0 / 16, UpliftMetrics.QiniCoefficient(Four), 12); // trapezoids 0.5 + 1 + 1 + 0.5; the line ends at 0

    [Fact]
    public void TheOrderAmongEqualScoresDoesNotMatter()
    {
        var random = new Random(5);
        var users = Enumerable.Range(0, 500).Select(_ => new UpliftObservation(random.Next(5), random.NextDouble() < 0.5, random.NextDouble() < 0.3 ? 1 : 0)).ToList();
        var shuffled = users.OrderBy(_ => random.Next()).ToList();

        Assert.Equal(UpliftMetrics.QiniCoefficient(users), UpliftMetrics.QiniCoefficient(shuffled), 12);
        Assert.Equal(UpliftMetrics.Auuc(users), UpliftMetrics.Auuc(shuffled), 12);
    }

    [Fact]
    public void AScoreThatKnowsWhoRespondsBeatsOneThatDoesNot()
    {
        var random = new Random(11);
        var users = Enumerable.Range(0, 20_000).Select(_ =>
        {
            var responsive = random.NextDouble() < 0.3;
            var treated = random.NextDouble() < 0.5;
            var buys = random.NextDouble() < 0.1 + (treated && responsive ? 0.2 : 0);
            return (responsive, treated, buys);
        }).ToList();

        var informed = users.Select(u => new UpliftObservation(u.responsive ? 1 : 0, u.treated, u.buys ? 1 : 0)).ToList();
        var blind = users.Select(_ => new UpliftObservation(random.NextDouble(), _.treated, _.buys ? 1 : 0)).ToList();

        Assert.InRange(UpliftMetrics.QiniCoefficient(informed), 0.008, 0.013); // in theory 0.0255 − 0.015 = 0.0105 (top 30% carry all of Q(n) = 0.03 n)
        Assert.InRange(UpliftMetrics.QiniCoefficient(blind), -0.01, 0.01);
        Assert.True(UpliftMetrics.Auuc(informed) > UpliftMetrics.Auuc(blind));
        Assert.InRange(UpliftMetrics.UpliftAt(informed, 0.3), 0.15, 0.25); // the top 30% are the responsive: +20 points
        Assert.InRange(UpliftMetrics.UpliftAt(blind, 1.0), 0.04, 0.08); // everyone: 30% × 20 points
    }

    [Fact]
    public void QiniCurvePointsReadTheCurveAtEvenSharesPerUser()
    {
        // The curve of Four: (0, 0), (1, 1), (2, 1), (3, 1), (4, 0).
        var quarters = UpliftMetrics.QiniCurvePoints(Four, steps: 4);
        var eighths = UpliftMetrics.QiniCurvePoints(Four, steps: 8);

        Assert.Equal([0, 0.25, 0.5, 0.75, 1], quarters.Select(p => p.Share));
        Assert.Equal([0, 0.25, 0.25, 0.25, 0], quarters.Select(p => p.Gain));
        Assert.Equal(0.125, eighths[1].Gain, 12); // half-way between k = 0 and k = 1, over n = 4
        Assert.Equal(0.125, eighths[7].Gain, 12); // half-way between k = 3 and k = 4
        Assert.Empty(UpliftMetrics.QiniCurvePoints([]));
    }
}
