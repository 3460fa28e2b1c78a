using Platform.Domain.Measurement;
using Platform.Simulation;

namespace Platform.Simulation.Tests;

/// <summary>Small versions of `platform eval measurement` (docs/measurement.md has the full runs).</summary>
public sealed class MeasurementSimulationTests
{
    [Fact]
    public void WatchedHourlyWithoutAnEffectTheAlwaysValidIntervalRarelyExcludesZeroAndTheFixedOneOften()
    {
        var simulation = new MeasurementSimulation(Users: 2_000, Hours: 168);
        var runs = Enumerable.Range(1, 200).Select(simulation.Simulate).ToList();

        foreach (var metric in Enum.GetValues<LiftMetric>())
        {
            var alwaysValid = runs.Count(r => r.AlwaysValidEverExcludedZero[metric]) / (double)runs.Count;
            var fixedHorizon = runs.Count(r => r.FixedHorizonEverExcludedZero[metric]) / (double)runs.Count;
            Assert.True(alwaysValid <= 0.05, $"{metric}: always-valid false positives {alwaysValid:P1}");
            Assert.True(fixedHorizon >= 0.12, $"{metric}: fixed-horizon false positives under peeking {fixedHorizon:P1}");
        }
    }

    [Fact]
    public void WithAPlantedEffectTheAdjustedIntervalsCoverItAndAreNarrower()
    {
        var simulation = new MeasurementSimulation(Users: 4_000, Hours: 24, Effect: 0.3);
        var truth = simulation.TrueLifts(draws: 400_000);
        var finals = Enumerable.Range(1, 200).Select(seed => simulation.Simulate(seed).Final).ToList();

        foreach (var metric in Enum.GetValues<LiftMetric>())
        {
            var covered = finals.Count(f => f[metric].Adjusted is { } a && a.Low <= truth[metric] && truth[metric] <= a.High) / (double)finals.Count;
            Assert.InRange(covered, 0.90, 0.99);
            Assert.True(finals.Average(f => f[metric].VarianceReduction!.Value) > 0.05, $"{metric}: no variance reduction");
        }
    }
}
