using System.Globalization;
using System.Text.Json.Serialization;

namespace Platform.Domain.Decisions;

/// <summary>A candidate with its forecast, the constraints it breaks (by input name), and whether it is on the cost–margin frontier (cost: discounts and contacts).</summary>
public sealed record ScoredCandidate(DesignCandidate Candidate, CampaignForecast Forecast, IReadOnlyList<string> Broken, bool OnFrontier)
{
    [JsonIgnore]
    public bool MeetsConstraints => Broken.Count == 0;
}

/// <summary>
/// The optimizer's answer (docs/forecasts.md#optimizer): every candidate, best expected incremental margin first; the
/// recommended one (null when none meets the constraints); and why, in plain words.
/// </summary>
public sealed record DesignChoice(IReadOnlyList<ScoredCandidate> Candidates, ScoredCandidate? Recommended, IReadOnlyList<string> Why)
{
    /// <summary>The candidates that meet the constraints and that no other such candidate beats on both cost and margin, cheapest first.</summary>
    [JsonIgnore]
    public IReadOnlyList<ScoredCandidate> Frontier => Candidates.Where(c => c.OnFrontier).OrderBy(c => c.Forecast.Cost).ToList();

    public static DesignChoice Choose(IReadOnlyList<(DesignCandidate Candidate, CampaignForecast Forecast)> forecasts, OptimizationConstraints constraints)
    {
        var checkedOnes = forecasts.Select(f => (f.Candidate, f.Forecast, Broken: Broken(f.Forecast, constraints))).ToList();
        var feasible = checkedOnes.Where(c => c.Broken.Count == 0).ToList();
        bool Dominated(CampaignForecast f) => feasible.Any(o =>
            o.Forecast.Cost <= f.Cost && o.Forecast.IncrementalMargin.Value >= f.IncrementalMargin.Value
            && (o.Forecast.Cost < f.Cost || o.Forecast.IncrementalMargin.Value > f.IncrementalMargin.Value));
        var scored = checkedOnes
            .Select(c => new ScoredCandidate(c.Candidate, c.Forecast, c.Broken, c.Broken.Count == 0 && !Dominated(c.Forecast)))
            .OrderByDescending(c => c.Forecast.IncrementalMargin.Value).ThenBy(c => c.Forecast.Cost)
            .ToList();
        var ranked = scored.Where(c => c.MeetsConstraints).ToList();
        var recommended = ranked.FirstOrDefault();
        return new DesignChoice(scored, recommended, Reasons(scored, ranked, constraints));
    }

    private static List<string> Broken(CampaignForecast forecast, OptimizationConstraints constraints)
    {
        var broken = new List<string>();
        // A design that costs nothing has no ROI to fall short.
        if (constraints.MinRoi is { } roi && forecast.Roi is { } expected && expected.Value < roi)
        {
            broken.Add("minRoi");
        }

        if (constraints.MaxCost is { } cost && forecast.Cost > (double)cost)
        {
            broken.Add("maxCost");
        }

        if (constraints.MinReach is { } reach && forecast.TreatedUsers < reach)
        {
            broken.Add("minReach");
        }

        return broken;
    }

    private static List<string> Reasons(IReadOnlyList<ScoredCandidate> all, IReadOnlyList<ScoredCandidate> ranked, OptimizationConstraints constraints)
    {
        static string N(double x) => x.ToString("#,0.##", CultureInfo.InvariantCulture);
        var why = new List<string>();
        var ruledOut = all.Count - ranked.Count;
        var byConstraint = string.Join(", ", new[] { ("minRoi", constraints.MinRoi?.ToString(CultureInfo.InvariantCulture)), ("maxCost", constraints.MaxCost?.ToString(CultureInfo.InvariantCulture)), ("minReach", constraints.MinReach?.ToString(CultureInfo.InvariantCulture)) }
            .Select(c => (c.Item1, c.Item2, Count: all.Count(a => a.Broken.Contains(c.Item1))))
            .Where(c => c.Count > 0)
            .Select(c => $"{c.Count} break {c.Item1} {c.Item2}"));
        if (ranked.Count == 0)
        {
            why.Add($"None of the {all.Count} candidates meets the constraints ({byConstraint}): loosen them or search other designs.");
            return why;
        }

        var best = ranked[0];
        var margin = best.Forecast.IncrementalMargin;
        why.Add($"{Capitalized(best.Candidate.Describe())} has the highest expected incremental margin of the {ranked.Count} candidates that meet the constraints: {N(margin.Value)} (95% interval {N(margin.Low95)} to {N(margin.High95)}).");
        if (ranked.Count > 1)
        {
            var next = ranked[1];
            var overlap = next.Forecast.IncrementalMargin.High95 >= margin.Low95;
            why.Add($"The next best, {next.Candidate.Describe()}, is expected to make {N(next.Forecast.IncrementalMargin.Value)}; "
                + (overlap ? "their 95% intervals overlap, so the lead is uncertain." : "its 95% interval lies wholly below, so the lead is clear."));
        }

        var roi = best.Forecast.Roi is { } r ? $"an ROI of {N(r.Value)}" : "no cost, so no ROI";
        var contacts = best.Forecast.ContactCost is { Value: > 0 } c ? $" and {N(c.Value)} in contacts" : "";
        why.Add($"It is expected to reach {N(best.Forecast.TreatedUsers)} shoppers and cost {N(best.Forecast.DiscountCost.Value)} in discounts{contacts}, for {roi}.");
        if (best.Forecast.TreatedUsers == 0)
        {
            why.Add("It reaches no one (the audience, or what its targeting picks from it, is empty), so not running a campaign does as well.");
        }
        else if (margin.Value <= 0)
        {
            why.Add("Even so it is expected to lose margin: not running a campaign is expected to do better.");
        }

        if (ruledOut > 0)
        {
            why.Add($"{ruledOut} of the {all.Count} candidates were ruled out by the constraints ({byConstraint}).");
        }

        return why;
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
