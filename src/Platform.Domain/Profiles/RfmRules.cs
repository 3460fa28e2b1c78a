namespace Platform.Domain.Profiles;

/// <summary>
/// Fixed-threshold RFM scoring, so a live profile can be scored without the rest of the audience
/// (docs/profiles.md lists the thresholds). Recency counts whole UTC days since the day of the last
/// purchase; frequency and monetary cover the purchases of the last 90 such days (recency 0 to 90), so
/// the two agree on what "the last 90 days" means. 0 means "no purchase" for R, and "none in 90 days"
/// for F and M.
/// </summary>
public static class RfmRules
{
    public const int WindowDays = 90;
    public const string NeverPurchased = "never_purchased";

    public static Rfm Score(int? recencyDays, int frequency90, decimal monetary90, long lifetimePurchases)
    {
        var r = recencyDays switch
        {
            null => 0,
            <= 7 => 5,
            <= 30 => 4,
            <= WindowDays => 3,
            <= 180 => 2,
            _ => 1,
        };
        var f = frequency90 switch
        {
            >= 10 => 5,
            >= 5 => 4,
            >= 3 => 3,
            2 => 2,
            1 => 1,
            _ => 0,
        };
        var m = monetary90 switch
        {
            >= 1000 => 5,
            >= 500 => 4,
            >= 200 => 3,
            >= 50 => 2,
            > 0 => 1,
            _ => 0,
        };
        return new Rfm(recencyDays, frequency90, monetary90, r, f, m, Segment(r, f, lifetimePurchases));
    }

    /// <summary>
    /// The segment map. With R at 2 or less there is no purchase in the 90-day window, so those users
    /// are told apart by how often they bought over their lifetime.
    /// </summary>
    public static string Segment(int r, int f, long lifetimePurchases) => (r, f) switch
    {
        (0, _) => NeverPurchased,
        (>= 4, >= 4) => "champions",
        (3, >= 4) => "loyal",
        (>= 4, >= 2) => "potential_loyalists",
        (>= 4, _) => lifetimePurchases <= 1 ? "new_customers" : "potential_loyalists",
        (3, <= 1) => "promising",
        (3, _) => "need_attention",
        (2, _) => lifetimePurchases >= 3 ? "at_risk" : "hibernating",
        _ => lifetimePurchases >= 3 ? "cannot_lose_them" : "lost",
    };

    public static IReadOnlyList<string> Segments { get; } =
        ["champions", "loyal", "potential_loyalists", "new_customers", "promising", "need_attention", "at_risk", "hibernating", "cannot_lose_them", "lost", NeverPurchased];
}
