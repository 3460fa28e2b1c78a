using System.Globalization;
using Platform.Domain.Campaigns;

namespace Platform.Domain.Decisions;

/// <summary>
/// Whether a design lies within what an uplift model learned from (docs/forecasts.md#designs-the-model-has-not-seen): its
/// type, its value within the range run for that type, its channel, and its value among those run for that type on that
/// channel (`./platform eval uplift` measured a depth no campaign ran forecast 25–40% under its planted effect). Each way
/// it does not is a warning, and the forecast's model spread is widened by <see cref="Widening"/>.
/// </summary>
public static class DesignCoverage
{
    public const double Widening = 2;

    /// <summary>Whether the design lies outside the designs the model learned from (unknown when they were not recorded: false).</summary>
    public static bool IsOutside(CampaignDesign design, IReadOnlyList<CampaignDesign>? trained) => trained is not null && Warnings(design, trained).Count > 0;

    /// <param name="trained">The designs of the campaigns the model learned from; null when the version did not record them.</param>
    public static IReadOnlyList<string> Warnings(CampaignDesign design, IReadOnlyList<CampaignDesign>? trained)
    {
        if (trained is null)
        {
            return ["This model version does not record the designs it learned from, so it cannot tell whether this design is new to it; retrain to get that check."];
        }

        var type = WireNames.ToWire(design.Type);
        var sameType = trained.Where(d => d.Type == design.Type).ToList();
        var warnings = new List<string>();
        if (sameType.Count == 0)
        {
            warnings.Add($"No {type} campaign was among those the model learned from: its effect is extrapolated from other types.");
        }
        else if (design.Value is { } value && sameType.Where(d => d.Value is not null).Select(d => d.Value!.Value).ToList() is { Count: > 0 } values
                 && (value < values.Min() || value > values.Max()))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"value {value} is outside the {type} values the model learned from ({values.Min()} to {values.Max()})."));
        }
        else if (design.Value is { } depth && design.Channel is { } on && trained.Any(d => d.Channel == on)
                 && !sameType.Any(d => d.Channel == on && d.Value == depth))
        {
            var ran = sameType.Where(d => d.Channel == on && d.Value is not null).Select(d => d.Value!.Value).Distinct().Order().ToList();
            var how = ran.Count > 0 && ran[0] < depth && depth < ran[^1] ? "interpolated" : "extrapolated";
            warnings.Add(ran.Count == 0
                ? $"No {type} campaign on channel {WireNames.ToWire(on)} was among those the model learned from: its effect there is carried over from other channels."
                : string.Create(CultureInfo.InvariantCulture, $"value {depth} never ran as {type} on channel {WireNames.ToWire(on)} (it ran at {string.Join(", ", ran)}): its effect is {how}."));
        }

        if (design.Channel is { } channel && trained.All(d => d.Channel != channel))
        {
            warnings.Add($"No campaign on channel {WireNames.ToWire(channel)} was among those the model learned from.");
        }

        return warnings;
    }
}
