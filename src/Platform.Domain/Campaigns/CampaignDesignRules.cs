using Platform.Domain;
using Platform.Domain.Errors;
using Platform.Domain.Audiences;
using Platform.Domain.Events;

namespace Platform.Domain.Campaigns;

/// <summary>The rules a campaign design must meet; every broken rule is reported with its field (docs/campaigns.md lists them).</summary>
public static class CampaignDesignRules
{
    public const int MaxNameLength = 120;
    public const decimal MaxPercent = 90;
    public const decimal MaxPointsMultiplier = 20;
    public const double MaxHoldoutShare = 0.5;
    public const int MaxAttributionWindowDays = 90;
    public const int MaxDurationDays = 366;
    public const int MaxCategories = 100;
    public const int MaxItems = 1_000;
    public const int MaxThemeTags = 20;
    public const int MaxFrequencyCapPerDay = 100;
    public const decimal MaxCostPerContact = 1_000;

    public static IReadOnlyList<Violation> Validate(CampaignDesign design)
    {
        var violations = new List<Violation>();
        void Break(string field, string rule, string message) => violations.Add(new(field, rule, $"{field} {message}"));

        if (string.IsNullOrWhiteSpace(design.Name) || design.Name.Length > MaxNameLength)
        {
            Break("name", "length", $"must have 1-{MaxNameLength} characters and not be blank.");
        }
        else if (FreeText.HasNul(design.Name))
        {
            Break("name", "format", FreeText.NulMessage + ".");
        }

        CheckValue(design, Break);
        if (design.Channel is null)
        {
            Break("channel", "required", "is required: say where users see the campaign.");
        }

        if (design.MinimumSpend is < 0)
        {
            Break("minimumSpend", "out_of_range", "must be 0 or more.");
        }

        if (design.EndsAt <= design.StartsAt)
        {
            Break("endsAt", "after_start", "must be after startsAt.");
        }
        else if (design.Duration > TimeSpan.FromDays(MaxDurationDays))
        {
            Break("endsAt", "max_duration", $"must be at most {MaxDurationDays} days after startsAt.");
        }

        if (design.Budget is <= 0)
        {
            Break("budget", "out_of_range", "must be more than 0 (leave it out for no budget).");
        }

        if (design.CostPerContact is < 0 or > MaxCostPerContact)
        {
            Break("costPerContact", "out_of_range", $"must be between 0 and {MaxCostPerContact:0} (what reaching one user costs).");
        }

        if (design.FrequencyCapPerDay is < 1 or > MaxFrequencyCapPerDay)
        {
            Break("frequencyCapPerDay", "out_of_range", $"must be between 1 and {MaxFrequencyCapPerDay}.");
        }

        if (double.IsNaN(design.HoldoutShare) || design.HoldoutShare is < 0 or > MaxHoldoutShare)
        {
            Break("holdoutShare", "out_of_range", $"must be between 0 and {MaxHoldoutShare} (a share of the audience, 0.1 = 10%).");
        }

        if (design.AttributionWindowDays is < 1 or > MaxAttributionWindowDays)
        {
            Break("attributionWindowDays", "out_of_range", $"must be between 1 and {MaxAttributionWindowDays}.");
        }

        CheckIds("categoryIds", design.CategoryIds, MaxCategories, violations);
        CheckIds("itemIds", design.ItemIds, MaxItems, violations);
        CheckIds("themeTags", design.ThemeTags, MaxThemeTags, violations);
        if (design.Type == CampaignType.Bundle && (design.ItemIds?.Distinct(StringComparer.Ordinal).Count() ?? 0) < 2)
        {
            Break("itemIds", "bundle_items", "must name at least 2 distinct items for a BUNDLE.");
        }

        if (design.Audience is { } audience)
        {
            violations.AddRange(AudienceRules.Validate(audience));
            if (audience.Uplift?.CampaignId is not null)
            {
                Break("audience.uplift.campaignId", "not_applicable", "must be left out: a design's uplift audience is picked under that design.");
            }
        }

        return violations;
    }

    private static void CheckValue(CampaignDesign design, Action<string, string, string> broke)
    {
        switch (design.Type)
        {
            case CampaignType.PercentOff or CampaignType.FlashSale or CampaignType.Bundle:
                if (design.Value is not (> 0 and <= MaxPercent))
                {
                    broke("value", "percent_range", $"must be a percentage in (0, {MaxPercent}] for {WireNames.ToWire(design.Type)}.");
                }

                break;
            case CampaignType.AmountOff:
                if (design.Value is not > 0)
                {
                    broke("value", "positive", "must be an amount more than 0 for AMOUNT_OFF.");
                }

                break;
            case CampaignType.PointsMultiplier:
                if (design.Value is not (> 1 and <= MaxPointsMultiplier))
                {
                    broke("value", "multiplier_range", $"must be a multiplier in (1, {MaxPointsMultiplier}] for POINTS_MULTIPLIER.");
                }

                break;
            case CampaignType.FreeShipping or CampaignType.MessageOnly:
                if (design.Value is not null)
                {
                    broke("value", "not_allowed", $"must be left out for {WireNames.ToWire(design.Type)}.");
                }

                break;
        }
    }

    private static void CheckIds(string field, IReadOnlyList<string>? ids, int max, List<Violation> violations)
    {
        if (ids is null)
        {
            return;
        }

        if (ids.Count > max)
        {
            violations.Add(new(field, "too_many", $"{field} must list at most {max}."));
        }

        for (var i = 0; i < ids.Count; i++)
        {
            if (Identifiers.Check($"{field}[{i}]", ids[i]) is { } broken)
            {
                violations.Add(broken);
            }
        }
    }
}
