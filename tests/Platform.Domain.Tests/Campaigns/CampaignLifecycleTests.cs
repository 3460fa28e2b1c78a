using Platform.Domain.Errors;
using Platform.Domain.Campaigns;

namespace Platform.Domain.Tests.Campaigns;

public sealed class CampaignLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static Campaign Draft(DateTimeOffset start, DateTimeOffset end, decimal? budget = null) =>
        CampaignLifecycle.Create("c1", CampaignDesignRulesTests.Valid() with { StartsAt = start, EndsAt = end, Budget = budget }, Now);

    private static Campaign Running() => CampaignLifecycle.Launch(Draft(Now.AddHours(-1), Now.AddDays(7)), Now);

    [Fact]
    public void LaunchingBeforeTheStartSchedulesAndTheClockStartsAndEndsIt()
    {
        var scheduled = CampaignLifecycle.Launch(Draft(Now.AddHours(1), Now.AddHours(5)), Now);
        Assert.Equal((CampaignStatus.Scheduled, Now), (scheduled.Status, scheduled.LaunchedAt));

        Assert.Same(scheduled, CampaignLifecycle.FollowClock(scheduled, Now.AddMinutes(59)));
        var running = CampaignLifecycle.FollowClock(scheduled, Now.AddHours(1));
        Assert.Equal(CampaignStatus.Running, running.Status);
        var ended = CampaignLifecycle.FollowClock(running, Now.AddHours(6));
        Assert.Equal((CampaignStatus.Ended, Now.AddHours(5)), (ended.Status, ended.EndedAt));
    }

    [Fact]
    public void LaunchingAfterTheStartRunsAtOnce() => Assert.Equal(CampaignStatus.Running, Running().Status);

    [Fact]
    public void AScheduledCampaignWhoseWholeRunPassedEndsDirectly()
    {
        var scheduled = CampaignLifecycle.Launch(Draft(Now.AddHours(1), Now.AddHours(2)), Now);
        Assert.Equal(CampaignStatus.Ended, CampaignLifecycle.FollowClock(scheduled, Now.AddDays(1)).Status);
    }

    [Fact]
    public void ADraftPastItsEndCannotLaunch()
    {
        var refused = Assert.Throws<CampaignChangeRefused>(() => CampaignLifecycle.Launch(Draft(Now.AddDays(-3), Now.AddDays(-1)), Now));
        Assert.Equal(ErrorCodes.IllegalTransition, refused.Code);
    }

    [Fact]
    public void PauseAndResumeGoBackAndForth()
    {
        var paused = CampaignLifecycle.Pause(Running(), PauseReason.Merchant, Now);
        Assert.Equal((CampaignStatus.Paused, PauseReason.Merchant), (paused.Status, paused.PauseReason));
        var resumed = CampaignLifecycle.Resume(paused, discountCost: 0, Now);
        Assert.Equal((CampaignStatus.Running, (PauseReason?)null), (resumed.Status, resumed.PauseReason));
    }

    [Fact]
    public void ACampaignWhoseBudgetIsSpentResumesOnlyWithALargerBudget()
    {
        var paused = CampaignLifecycle.Pause(CampaignLifecycle.Launch(Draft(Now.AddHours(-1), Now.AddDays(7), budget: 100m), Now), PauseReason.BudgetSpent, Now);
        Assert.Throws<CampaignChangeRefused>(() => CampaignLifecycle.Resume(paused, discountCost: 100m, Now));
        var raised = CampaignLifecycle.Update(paused, paused.Design with { Budget = 150m }, Now);
        Assert.Equal(CampaignStatus.Running, CampaignLifecycle.Resume(raised, discountCost: 100m, Now).Status);
    }

    [Fact]
    public void ACampaignNextChangesAtItsStartThenAtItsEnd()
    {
        var scheduled = CampaignLifecycle.Launch(Draft(Now.AddDays(1), Now.AddDays(7)), Now);

        Assert.Null(CampaignLifecycle.NextChange(Draft(Now.AddDays(1), Now.AddDays(7))));
        Assert.Equal(Now.AddDays(1), CampaignLifecycle.NextChange(scheduled));
        Assert.Equal(Now.AddDays(7), CampaignLifecycle.NextChange(Running()));
        Assert.Null(CampaignLifecycle.NextChange(CampaignLifecycle.End(Running(), Now)));
    }

    [Fact]
    public void ARedemptionCountsWhileTheSpendIsBelowTheBudgetAndARunningCampaignThenPauses()
    {
        var budgeted = Running() with { Design = Running().Design with { Budget = 100m } };

        Assert.True(CampaignBudget.Counts(budgeted.Design, 99.99m));
        Assert.False(CampaignBudget.Counts(budgeted.Design, 100m));
        Assert.True(CampaignBudget.Counts(Running().Design, 1_000_000m));
        Assert.False(CampaignBudget.MustPause(budgeted, 99m));
        Assert.True(CampaignBudget.MustPause(budgeted, 100m));
        Assert.False(CampaignBudget.MustPause(CampaignLifecycle.Pause(budgeted, PauseReason.Merchant, Now), 120m));
    }

    public static TheoryData<string> IllegalFromDraft => ["pause", "resume", "end"];

    [Theory]
    [MemberData(nameof(IllegalFromDraft))]
    public void ADraftOnlyLaunchesOrChanges(string action)
    {
        var draft = Draft(Now.AddHours(1), Now.AddDays(1));
        var refused = Assert.Throws<CampaignChangeRefused>(() => Act(draft, action));
        Assert.Equal(ErrorCodes.IllegalTransition, refused.Code);
        Assert.Contains("DRAFT", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("launch")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("end")]
    [InlineData("update")]
    public void EndedIsFinal(string action)
    {
        var ended = CampaignLifecycle.End(Running(), Now);
        Assert.Equal(ErrorCodes.IllegalTransition, Assert.Throws<CampaignChangeRefused>(() => Act(ended, action)).Code);
    }

    [Fact]
    public void ARunningCampaignChangesOnlyItsAdjustableFields()
    {
        var running = Running();
        var adjusted = CampaignLifecycle.Update(running, running.Design with { Name = "Renamed", Budget = 9_000m, EndsAt = Now.AddDays(10), FrequencyCapPerDay = 2 }, Now);
        Assert.Equal(("Renamed", 9_000m), (adjusted.Design.Name, adjusted.Design.Budget));

        var sameLists = running.Design with { ThemeTags = [.. running.Design.ThemeTags ?? []] };
        Assert.Equal(running.Design.Name, CampaignLifecycle.Update(running, sameLists, Now).Design.Name);

        foreach (var locked in new[]
                 {
                     running.Design with { Value = 30m },
                     running.Design with { HoldoutShare = 0.2 },
                     running.Design with { ItemIds = ["x"] },
                     running.Design with { Audience = new Audiences.Audience(Tags: ["vip"]) },
                 })
        {
            Assert.Equal(ErrorCodes.LockedWhileLive, Assert.Throws<CampaignChangeRefused>(() => CampaignLifecycle.Update(running, locked, Now)).Code);
        }

        Assert.Throws<CampaignChangeRefused>(() => CampaignLifecycle.Update(running, running.Design with { EndsAt = Now.AddMinutes(-1) }, Now));
    }

    [Fact]
    public void ADraftChangesFreely()
    {
        var draft = Draft(Now.AddHours(1), Now.AddDays(1));
        var changed = CampaignLifecycle.Update(draft, draft.Design with { Value = 35m, HoldoutShare = 0.3 }, Now.AddMinutes(1));
        Assert.Equal((35m, 0.3, Now.AddMinutes(1)), (changed.Design.Value, changed.Design.HoldoutShare, changed.UpdatedAt));
    }

    private static Campaign Act(Campaign campaign, string action) => action switch
    {
        "launch" => CampaignLifecycle.Launch(campaign, Now),
        "pause" => CampaignLifecycle.Pause(campaign, PauseReason.Merchant, Now),
        "resume" => CampaignLifecycle.Resume(campaign, 0, Now),
        "end" => CampaignLifecycle.End(campaign, Now),
        _ => CampaignLifecycle.Update(campaign, campaign.Design, Now),
    };
}
