using System.Globalization;
using Platform.Domain.Modeling;

namespace Platform.Domain.Decisions;

/// <summary>Model features in plain words, for the reasons that come with a recommendation.</summary>
public static class FeatureWords
{
    private static readonly Dictionary<string, string> Profile = new(StringComparer.Ordinal)
    {
        ["purchases"] = "purchases so far",
        ["revenue"] = "spend so far",
        ["recency_days"] = "days since the last purchase",
        ["frequency_90"] = "purchases in the last 90 days",
        ["monetary_90"] = "spend in the last 90 days",
        ["discount_sensitivity"] = "share of purchases made with a discount",
        ["views_30"] = "product views in the last 30 days",
        ["clicks_30"] = "clicks in the last 30 days",
        ["carts_30"] = "cart additions in the last 30 days",
        ["purchases_30"] = "purchases in the last 30 days",
        ["engagement_seconds"] = "seconds spent on campaigns",
        ["days_known"] = "days since first seen",
        ["signup_year"] = "sign-up year",
    };

    /// <summary>E.g. "days since the last purchase: 3", "interest in category shoes: 35%", "tagged vip".</summary>
    public static string Describe(string name, FeatureValue value)
    {
        if (name.StartsWith(FeatureSchema.TagPrefix, StringComparison.Ordinal))
        {
            return $"tagged {name[FeatureSchema.TagPrefix.Length..]}";
        }

        if (name.StartsWith(FeatureSchema.AffinityPrefix, StringComparison.Ordinal))
        {
            return string.Create(CultureInfo.InvariantCulture, $"interest in category {name[FeatureSchema.AffinityPrefix.Length..]}: {(value.Number ?? 0) * 100:0}%");
        }

        if (name is "recency_days" or "discount_sensitivity" && value.Number is < 0)
        {
            return "no purchase yet";
        }

        var shown = value.Number is { } number
            ? (name == "discount_sensitivity" ? string.Create(CultureInfo.InvariantCulture, $"{number * 100:0}%") : number.ToString("0.##", CultureInfo.InvariantCulture))
            : value.Text ?? "missing";
        return $"{Profile.GetValueOrDefault(name, name)}: {shown}";
    }

    /// <summary>
    /// One reason: what the feature is, and how much it moves the objective compared with an average shopper (the
    /// feature set to the training average, the rest unchanged).
    /// </summary>
    public static string Reason(string name, FeatureValue value, double change, Objective objective)
    {
        var amount = objective is Objective.IncrementalConversions or Objective.Participation
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(change) * 100:0.##} points")
            : Math.Abs(change).ToString("0.##", CultureInfo.InvariantCulture);
        return $"{Describe(name, value)}: {(change >= 0 ? "raises" : "lowers")} the expected {Noun(objective)} by {amount} compared with an average shopper.";
    }

    public static string Noun(Objective objective) => objective switch
    {
        Objective.IncrementalRevenue => "incremental revenue",
        Objective.IncrementalConversions => "chance the offer adds a purchase",
        Objective.Participation => "chance to take part",
        _ => "incremental margin",
    };
}
