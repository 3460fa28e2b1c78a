namespace Platform.Domain.Profiles;

/// <summary>
/// Fixed-threshold RFM scoring, so a live profile can be scored without the rest of the audience
/// (docs/profiles.md lists the thresholds). 0 means "no purchase" for R and F.
/// </summary>
public static class RfmRules
{
    public const string NeverPurchased = "never_purchased";

    public static Rfm Score(DateTimeOffset? lastPurchaseAt, int frequency90, decimal monetary90, DateTimeOffset now)
    {
        double? recencyDays = lastPurchaseAt is { } last ? Math.Max(0, (now - last).TotalDays) : null;
        var r = recencyDays switch
        {
            null => 0,
            <= 7 => 5,
            <= 30 => 4,
            <= 90 => 3,
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
        return new Rfm(recencyDays, frequency90, monetary90, r, f, m, Segment(r, f));
    }

    /// <summary>The usual RFM segment map, on recency and 90-day frequency.</summary>
    public static string Segment(int r, int f) => (r, f) switch
    {
        (0, _) => NeverPurchased,
        (>= 4, >= 4) => "champions",
        (_, >= 4) => "loyal",
        (>= 4, >= 2) => "potential_loyalists",
        (>= 4, _) => "new_customers",
        (3, <= 1) => "promising",
        (3, _) => "need_attention",
        (2, >= 2) => "at_risk",
        (2, _) => "hibernating",
        _ => "lost",
    };

    public static IReadOnlyList<string> Segments { get; } =
        ["champions", "loyal", "potential_loyalists", "new_customers", "promising", "need_attention", "at_risk", "hibernating", "lost", NeverPurchased];
}
