namespace Platform.ML.Uplift;

/// <summary>
/// How the networks' order values map to money: log value = <see cref="Mean"/> + <see cref="Scale"/> × output, and
/// <see cref="Variance"/> is the spread of actual log values around that prediction on training conversions.
/// <see cref="OrdersPerConverter"/>: the orders a converting training user placed in the window, on average (the networks
/// predict whether a user buys, not how often); 1 for a version written before it was kept.
/// <see cref="Learned"/> is false when fewer than two converting training rows recorded revenue (experiment files with a
/// conversion column only): the networks' order values learned nothing, so every order value reads 0 and forecasts say why
/// (<see cref="NotLearnedWarning"/>); true for a version written before it was kept.
/// </summary>
public sealed record OrderValueScale(double Mean, double Scale, double Variance, double OrdersPerConverter = 1, bool Learned = true)
{
    public const string NotLearnedWarning =
        "The experiments this model learned from recorded no revenue (fewer than two buyers with an amount), so it has no order values: GMV, revenue, discount cost and margin read 0 here (margin less any cost per contact), not estimates (import them again with a revenueColumn, or a conversionValue saying what a conversion is worth, then retrain).";

    /// <summary>What decisions are judged by when no objective is asked for: the incremental margin, or conversions without order values (every margin is 0).</summary>
    public Domain.Decisions.Objective DefaultObjective => Learned ? Domain.Decisions.Objective.IncrementalMargin : Domain.Decisions.Objective.IncrementalConversions;

    /// <summary>The expected order value for a network's log-value output (0 when none was learned).</summary>
    public double OrderValue(double logValue) => Learned ? Math.Exp((logValue * Scale) + Mean + (Variance / 2)) : 0;
}
