namespace Platform.Ingestion.Tests;

public sealed class FoldPlanTests
{
    [Fact]
    public void DeferredShoppersAddTheirEventsAndAShopperHandedOverLeavesThePlan()
    {
        var plan = new FoldPlan();

        plan.Record(new Dictionary<string, int> { ["ann"] = 2, ["bob"] = 3 }, new HashSet<string> { "ann", "bob" });
        plan.Record(new Dictionary<string, int> { ["ann"] = 4, ["bob"] = 1, ["cy"] = 5 }, new HashSet<string> { "ann", "cy" });

        Assert.Equal((2, 6, 0, 5), (plan.Count, plan.EventsOf("ann"), plan.EventsOf("bob"), plan.EventsOf("cy")));
    }

    [Fact]
    public void ChunksKeepToTheirShopperAndEventBudgetsAndAHeavyShopperGoesAlone()
    {
        var plan = new FoldPlan();
        plan.Record(
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 3, ["c"] = 3, ["d"] = 12, ["e"] = 1, ["f"] = 1, ["g"] = 1 },
            new HashSet<string> { "a", "b", "c", "d", "e", "f", "g" });

        var chunks = plan.Chunks(maxUsers: 2, maxEvents: 7).ToList();

        Assert.Equal([["a", "b"], ["c"], ["d"], ["e", "f"], ["g"]], chunks);
        Assert.Empty(new FoldPlan().Chunks(2, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.Chunks(maxUsers: 0, maxEvents: 7));
    }
}
