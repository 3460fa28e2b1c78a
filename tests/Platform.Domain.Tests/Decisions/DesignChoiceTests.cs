using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Tests.Campaigns;

namespace Platform.Domain.Tests.Decisions;

public sealed class DesignChoiceTests
{
    [Fact]
    public void TheRecommendedDesignHasTheMostMarginAmongThoseMeetingTheConstraints()
    {
        var choice = DesignChoice.Choose(
            [Candidate(5, cost: 100, margin: 300), Candidate(10, cost: 200, margin: 500), Candidate(20, cost: 600, margin: 700), Candidate(15, cost: 300, margin: 450)],
            new OptimizationConstraints(MaxCost: 500));

        Assert.Equal(10m, choice.Recommended!.Candidate.Design.Value);
        Assert.Equal([20m, 10m, 15m, 5m], choice.Candidates.Select(c => c.Candidate.Design.Value));
        Assert.Equal(["maxCost"], choice.Candidates[0].Broken);
        Assert.Contains("PERCENT_OFF 10 by EMAIL for 14 days to the whole audience has the highest expected incremental margin of the 3 candidates", choice.Why[0]);
        Assert.Contains("1 of the 4 candidates were ruled out by the constraints (1 break maxCost 500)", choice.Why[^1]);
    }

    [Fact]
    public void TheFrontierHoldsTheCandidatesNoOtherBeatsOnBothCostAndMargin()
    {
        var choice = DesignChoice.Choose(
            [Candidate(5, cost: 100, margin: 300), Candidate(10, cost: 200, margin: 500), Candidate(15, cost: 300, margin: 450), Candidate(20, cost: 400, margin: 800), Candidate(25, cost: 100, margin: 200)],
            new OptimizationConstraints());

        // 15 is beaten by 10 (cheaper, more margin); 25 by 5 (same cost, more margin).
        Assert.Equal([5m, 10m, 20m], choice.Frontier.Select(c => c.Candidate.Design.Value));
    }

    [Fact]
    public void MinRoiAndMinReachRuleOutAndAFreeDesignHasNoRoiToFallShort()
    {
        var free = Candidate(null, cost: 0, margin: 50, type: CampaignType.MessageOnly);
        var choice = DesignChoice.Choose(
            [Candidate(10, cost: 100, margin: 400, incrementalGmv: 150, treated: 50), Candidate(20, cost: 100, margin: 300, incrementalGmv: 400, treated: 5), free],
            new OptimizationConstraints(MinRoi: 1, MinReach: 10));

        Assert.Equal(["minRoi"], choice.Candidates.Single(c => c.Candidate.Design.Value == 10m).Broken);
        Assert.Equal(["minReach"], choice.Candidates.Single(c => c.Candidate.Design.Value == 20m).Broken);
        Assert.Same(choice.Candidates.Single(c => c.Candidate.Design.Type == CampaignType.MessageOnly), choice.Recommended);
        Assert.Contains("no cost, so no ROI", choice.Why[1]);
    }

    [Fact]
    public void WhenNothingMeetsTheConstraintsThereIsNoRecommendationAndWhySaysSo()
    {
        var choice = DesignChoice.Choose([Candidate(10, cost: 100, margin: 400)], new OptimizationConstraints(MaxCost: 50));

        Assert.Null(choice.Recommended);
        Assert.Empty(choice.Frontier);
        Assert.Equal("None of the 1 candidates meets the constraints (1 break maxCost 50): loosen them or search other designs.", Assert.Single(choice.Why));
    }

    [Fact]
    public void ALeadWithinTheIntervalsIsCalledUncertainAndALosingBestSaysNotRunningIsBetter()
    {
        var close = DesignChoice.Choose([Candidate(10, cost: 100, margin: 400, error: 100), Candidate(20, cost: 100, margin: 390, error: 100)], new OptimizationConstraints());
        Assert.Contains("their 95% intervals overlap, so the lead is uncertain", close.Why[1]);

        var losing = DesignChoice.Choose([Candidate(10, cost: 100, margin: -40)], new OptimizationConstraints());
        Assert.Contains("not running a campaign is expected to do better", string.Join(" ", losing.Why));

        var nobody = DesignChoice.Choose([Candidate(10, cost: 0, margin: 0, treated: 0)], new OptimizationConstraints());
        Assert.Contains("It reaches no one", string.Join(" ", nobody.Why));
        Assert.DoesNotContain("lose margin", string.Join(" ", nobody.Why));
    }

    [Fact]
    public void ContactsCountAsCostAgainstMaxCostAndOnTheFrontier()
    {
        var (mailed, mailedForecast) = Candidate(10, cost: 100, margin: 500);
        var choice = DesignChoice.Choose(
            [(mailed, mailedForecast with { ContactCost = ForecastFigure.Normal(50, 0) }), Candidate(20, cost: 120, margin: 450)], new OptimizationConstraints(MaxCost: 140m));

        Assert.Equal(["maxCost"], choice.Candidates.Single(c => c.Candidate.Design.Value == 10m).Broken); // 100 of discount + 50 of contacts
        Assert.Equal(20m, choice.Recommended!.Candidate.Design.Value);

        var unconstrained = DesignChoice.Choose([(mailed, mailedForecast with { ContactCost = ForecastFigure.Normal(50, 0) })], new OptimizationConstraints());
        Assert.Contains("cost 100 in discounts and 50 in contacts", unconstrained.Why[1]);
    }

    private static (DesignCandidate, CampaignForecast) Candidate(
        decimal? value, double cost, double margin, double? incrementalGmv = null, double treated = 100, double error = 1, CampaignType type = CampaignType.PercentOff)
    {
        var design = CampaignDesignRulesTests.Valid() with { Type = type, Value = value, Channel = Channel.Email, EndsAt = CampaignDesignRulesTests.Valid().StartsAt.AddDays(14) };
        var gmv = incrementalGmv ?? (margin + cost) / 0.3;
        var roi = cost > 0 ? ForecastFigure.Normal((gmv - cost) / cost, 0.1) : null;
        var zero = ForecastFigure.Normal(0, 0);
        return (new DesignCandidate(design, DesignTargeting.Everyone),
            new CampaignForecast(1000, treated, zero, zero, zero, zero, ForecastFigure.Normal(gmv, error), ForecastFigure.Normal(cost, 1), ForecastFigure.Normal(margin, error), roi, 1, null, [], []));
    }
}
