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
}

/// <summary>A targeting of the optimizer's search: a kind, and for <see cref="TargetingKind.TopPercent"/> its share in (0, 100].</summary>
public sealed record DesignTargeting(TargetingKind Kind, double? Percent = null)
{
    public static readonly DesignTargeting Everyone = new(TargetingKind.All);

    [JsonIgnore]
    public bool NeedsScores => Kind != TargetingKind.All;

    public string Describe() => Kind switch
    {
        TargetingKind.PositiveMargin => "to the shoppers with a positive expected incremental margin",
        TargetingKind.TopPercent => string.Create(CultureInfo.InvariantCulture, $"to the top {Percent}% by expected incremental margin"),
        _ => "to the whole audience",
    };

    /// <summary>
    /// Which users it picks, given each user's expected incremental margin under the design; null means everyone. The top
    /// k% is the ⌈n·k/100⌉ highest margins (ties broken by position, so exactly that many).
    /// </summary>
    public bool[]? Select(IReadOnlyList<float> margins)
    {
        switch (Kind)
        {
            case TargetingKind.PositiveMargin:
                return margins.Select(m => m > 0).ToArray();
            case TargetingKind.TopPercent:
                var picked = new bool[margins.Count];
                // Rounded first, so 16.1% of 1,000 is 161, not 162 by a floating-point hair.
                var take = (int)Math.Ceiling(Math.Round(margins.Count * Percent!.Value / 100, 9));
                foreach (var index in Enumerable.Range(0, margins.Count).OrderByDescending(i => margins[i]).Take(take)) // stable: ties by position
                {
                    picked[index] = true;
                }

                return picked;
            default:
                return null;
        }
    }
}
