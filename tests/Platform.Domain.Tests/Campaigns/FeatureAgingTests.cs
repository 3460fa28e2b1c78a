using Platform.Domain.Campaigns;

namespace Platform.Domain.Tests.Campaigns;

public sealed class FeatureAgingTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 23, 0, 0, TimeSpan.Zero);

    // Each feature aged on its own, as an audience read does while decoding.
    private static Dictionary<string, double> Advance(Dictionary<string, double> features, DateTimeOffset asOf, DateTimeOffset now)
    {
        var aging = FeatureAging.Between(asOf, now);
        return features.ToDictionary(f => f.Key, f => aging.Apply(f.Key, f.Value));
    }

    private static readonly Dictionary<string, double> Stored = new()
    {
        ["recency_days"] = 3, ["days_known"] = 40, ["views_30"] = 7, ["purchases_30"] = 1, ["frequency_90"] = 2, ["monetary_90"] = 80, ["purchases"] = 5,
    };

    [Fact]
    public void RecencyCountsCalendarDaysAndDaysKnownTheTimePassed()
    {
        var advanced = Advance(Stored, AsOf, AsOf.AddHours(2)); // past midnight: a new UTC day

        Assert.Equal(4, advanced["recency_days"]);
        Assert.Equal(40 + (2.0 / 24), advanced["days_known"], 9);
        Assert.Equal((7, 2), (advanced["views_30"], advanced["frequency_90"]));
    }

    [Fact]
    public void WindowsWithNoEventLeftEmpty()
    {
        var month = Advance(Stored, AsOf, AsOf.AddDays(31));
        Assert.Equal((0, 0, 2, 80, 5), (month["views_30"], month["purchases_30"], month["frequency_90"], month["monetary_90"], month["purchases"]));

        var quarter = Advance(Stored, AsOf, AsOf.AddDays(91));
        Assert.Equal((0, 0), (quarter["frequency_90"], quarter["monetary_90"]));
        Assert.Equal(-1, Advance(new Dictionary<string, double> { ["recency_days"] = -1 }, AsOf, AsOf.AddDays(9))["recency_days"]);
    }

    [Fact]
    public void FeaturesComputedAfterTheMomentTheyAreReadAtStayAsTheyAre()
    {
        var aging = FeatureAging.Between(AsOf, AsOf.AddDays(-40));

        Assert.Equal((3, 40, 7), (aging.Apply("recency_days", 3), aging.Apply("days_known", 40), aging.Apply("views_30", 7)));
    }
}
