using System.Globalization;
using System.Text.Json.Serialization;

namespace Platform.Domain.Decisions;

/// <summary>Which users of an audience a searched design goes to (docs/forecasts.md#optimizer).</summary>
public enum TargetingKind
{
    /// <summary>Everyone in the audience.</summary>
    All,

    /// <summary>Users whose expected incremental margin under the design is above 0.</summary>
    PositiveMargin,

    /// <summary>The <see cref="DesignTargeting.Percent"/>% of users with the highest expected incremental margin.</summary>
    TopPercent,

    /// <summary>
    /// The <see cref="DesignTargeting.Percent"/>% of users with the highest predicted conversion uplift (the offer's added
    /// chance of buying): the most persuadable, whatever the discount costs.
    /// </summary>
    TopUpliftPercent,
}

/// <summary>A targeting of the optimizer's search: a kind, and for the top kinds (<see cref="IsTop"/>) its share in (0, 100].</summary>
public sealed record DesignTargeting(TargetingKind Kind, double? Percent = null)
{
    public static readonly DesignTargeting Everyone = new(TargetingKind.All);

    [JsonIgnore]
    public bool NeedsScores => Kind != TargetingKind.All;

    /// <summary>The per-user figure <see cref="Select"/> reads: the conversion uplift for <see cref="TargetingKind.TopUpliftPercent"/>, else the incremental margin.</summary>
    [JsonIgnore]
    public Objective RankedBy => Kind == TargetingKind.TopUpliftPercent ? Objective.IncrementalConversions : Objective.IncrementalMargin;

    /// <summary>The figure of a user's <paramref name="value"/> that a targeting ranked by <paramref name="ranking"/> reads.</summary>
    public static double Figure(Objective ranking, OfferValue value) => ranking switch
    {
        Objective.IncrementalConversions => value.IncrementalConversions,
        Objective.IncrementalMargin => value.IncrementalMargin,
        _ => throw new ArgumentOutOfRangeException(nameof(ranking), ranking, "Targetings rank by incremental margin or conversion uplift."),
    };

    /// <summary>Whether the kind keeps a share of the audience (and so needs a percent).</summary>
    public static bool IsTop(TargetingKind kind) => kind is TargetingKind.TopPercent or TargetingKind.TopUpliftPercent;

    public string Describe() => Kind switch
    {
        TargetingKind.PositiveMargin => "to the shoppers with a positive expected incremental margin",
        TargetingKind.TopPercent => string.Create(CultureInfo.InvariantCulture, $"to the top {Percent}% by expected incremental margin"),
        TargetingKind.TopUpliftPercent => string.Create(CultureInfo.InvariantCulture, $"to the top {Percent}% by predicted conversion uplift"),
        _ => "to the whole audience",
    };

    /// <summary>
    /// Which users it picks, given each user's figure by <see cref="RankedBy"/> under the design; null means everyone. The
    /// top k% is the ⌈n·k/100⌉ highest figures (ties broken by position, so exactly that many).
    /// </summary>
    public bool[]? Select(IReadOnlyList<float> scores)
    {
        switch (Kind)
        {
            case TargetingKind.PositiveMargin:
                return scores.Select(m => m > 0).ToArray();
            case TargetingKind.TopPercent or TargetingKind.TopUpliftPercent:
                var picked = new bool[scores.Count];
                // Rounded first, so 16.1% of 1,000 is 161, not 162 by a floating-point hair.
                var take = (int)Math.Ceiling(Math.Round(scores.Count * Percent!.Value / 100, 9));
                foreach (var index in Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).Take(take)) // stable: ties by position
                {
                    picked[index] = true;
                }

                return picked;
            default:
                return null;
        }
    }
}
