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
    public const int MaxIdLength = 128;
    public const int MaxFrequencyCapPerDay = 100;

    public static IReadOnlyList<Violation> Validate(CampaignDesign design)
    {
        var violations = new List<Violation>();
        void Break(string field, string rule, string message) => violations.Add(new(field, rule, message));

        if (string.IsNullOrWhiteSpace(design.Name) || design.Name.Length > MaxNameLength)
        {
            Break("name", "length", $"must have 1-{MaxNameLength} characters and not be blank.");
        }

        CheckValue(design, Break);
        if (design.Channel is null)
        {
            Break("channel", "required", "say where shoppers see the campaign.");
        }

        if (design.MinimumSpend is < 0)
        {
            Break("minimumSpend", "range", "must be 0 or more.");
        }

        if (design.EndsAt <= design.StartsAt)
        {
            Break("endsAt", "after_start", "must be after startsAt.");
        }
        else if (design.Duration > TimeSpan.FromDays(MaxDurationDays))
        {
            Break("endsAt", "max_duration", $"a campaign runs at most {MaxDurationDays} days.");
        }

        if (design.Budget is <= 0)
        {
            Break("budget", "range", "must be more than 0 (leave it out for no budget).");
        }

        if (design.FrequencyCapPerDay is < 1 or > MaxFrequencyCapPerDay)
        {
            Break("frequencyCapPerDay", "range", $"must be between 1 and {MaxFrequencyCapPerDay}.");
        }

        if (double.IsNaN(design.HoldoutShare) || design.HoldoutShare is < 0 or > MaxHoldoutShare)
        {
            Break("holdoutShare", "range", $"must be between 0 and {MaxHoldoutShare} (a share of the audience, 0.1 = 10%).");
        }

        if (design.AttributionWindowDays is < 1 or > MaxAttributionWindowDays)
        {
            Break("attributionWindowDays", "range", $"must be between 1 and {MaxAttributionWindowDays}.");
        }

        CheckIds("categoryIds", design.CategoryIds, MaxCategories, Break);
        CheckIds("itemIds", design.ItemIds, MaxItems, Break);
        CheckIds("themeTags", design.ThemeTags, MaxThemeTags, Break);
        if (design.Type == CampaignType.Bundle && (design.ItemIds?.Distinct(StringComparer.Ordinal).Count() ?? 0) < 2)
        {
            Break("itemIds", "bundle_items", "a BUNDLE names at least 2 distinct items.");
        }

        if (design.Audience is { } audience)
        {
            violations.AddRange(AudienceRules.Validate(audience));
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
                    broke("value", "percent_range", $"{CampaignNames.ToWire(design.Type)} takes a percentage in (0, {MaxPercent}].");
                }

                break;
            case CampaignType.AmountOff:
                if (design.Value is not > 0)
                {
                    broke("value", "positive", "AMOUNT_OFF takes an amount more than 0.");
                }

                break;
            case CampaignType.PointsMultiplier:
                if (design.Value is not (> 1 and <= MaxPointsMultiplier))
                {
                    broke("value", "multiplier_range", $"POINTS_MULTIPLIER takes a multiplier in (1, {MaxPointsMultiplier}].");
                }

                break;
            case CampaignType.FreeShipping or CampaignType.MessageOnly:
                if (design.Value is not null)
                {
                    broke("value", "not_allowed", $"{CampaignNames.ToWire(design.Type)} takes no value.");
                }

                break;
        }
    }

    private static void CheckIds(string field, IReadOnlyList<string>? ids, int max, Action<string, string, string> broke)
    {
        if (ids is null)
        {
            return;
        }

        if (ids.Count > max)
        {
            broke(field, "too_many", $"at most {max}.");
        }

        for (var i = 0; i < ids.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(ids[i]) || ids[i].Length > MaxIdLength)
            {
                broke($"{field}[{i}]", "length", $"must have 1-{MaxIdLength} characters and not be blank.");
            }
        }
    }
}
