using System.Globalization;
using Platform.Domain.Campaigns;
using Platform.Domain.Profiles;

namespace Platform.Domain.Decisions;

/// <summary>
/// How offers are ranked when the tenant has no ACTIVE uplift model (docs/recommendations.md#without-a-model): by how
/// well a campaign's categories match the user's category affinities (the share of the user's affinity in them), a
/// campaign without categories counting as <see cref="UnscopedMatch"/>; ties go to the campaign that ends sooner. It
/// predicts nothing, so no money figures or intervals come with it.
/// </summary>
public static class FallbackRanking
{
    public const double UnscopedMatch = 0.2;

    public static double Match(CampaignDesign design, ProfileView user) =>
        design.CategoryIds is { Count: > 0 } categories
            ? Math.Min(1, user.CategoryAffinities.Where(a => categories.Contains(a.Key, StringComparer.Ordinal)).Sum(a => a.Share))
            : UnscopedMatch;

    /// <summary>The campaigns best first, each with its match.</summary>
    public static IReadOnlyList<(Campaign Campaign, double Match)> Rank(IEnumerable<Campaign> campaigns, ProfileView user) =>
        campaigns.Select(c => (Campaign: c, Match: Match(c.Design, user)))
            .OrderByDescending(c => c.Match).ThenBy(c => c.Campaign.Design.EndsAt).ThenBy(c => c.Campaign.Id, StringComparer.Ordinal).ToList();

    public static string Reason(CampaignDesign design, ProfileView user) =>
        design.CategoryIds is { Count: > 0 }
            ? string.Create(CultureInfo.InvariantCulture, $"Its categories hold {Match(design, user) * 100:0}% of this shopper's category interest.")
            : "It is not limited to categories.";
}
