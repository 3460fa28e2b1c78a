using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Gateway.Operations;
using Platform.ML;
using Platform.ML.Uplift;
using Platform.Simulation;
using Platform.Storage.Audiences;
using static TorchSharp.torch;

namespace Platform.Gateway.Tests;

/// <summary>The optimizer's sweep picks each targeting's users by its own figure (docs/forecasts.md#optimizer), on a model trained on a simulated shop.</summary>
public sealed class DesignSweepTests
{
    [Fact]
    public async Task TheTopHalfByUpliftAddsTheMostConversionsAndTheTopHalfByMarginTheMostMargin()
    {
        TorchRuntime.Initialize(threads: 2);
        var world = new SimulatedWorld(new WorldOptions(Seed: 21, Users: 2_000, Now: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        var rows = SimulatedUpliftData.Rows(world, 2_000).Select(s => s.Row).ToList();
        var (model, _) = await new UpliftTraining(new UpliftTraining.Options(Seed: 7, Members: 2, MaxEpochs: 2))
            .RunAsync(() => rows.ToAsyncEnumerable(), SimulatedUpliftData.Campaigns(world), CPU, _ => { }, CancellationToken.None);
        // A deep discount: the users it moves most are not all the ones it earns most on (their discount costs more).
        var design = SimulatedUpliftData.Campaigns(world)[0].Design with { Type = CampaignType.PercentOff, Value = 40m, HoldoutShare = 0 };
        var audience = new EncodedAudience(model, design);
        audience.Add([.. rows.DistinctBy(r => r.UserId).Take(1_000).Select(r => new AudienceMember(r.UserId, r.Features, null))]);
        var (byMargin, byUplift) = (new DesignTargeting(TargetingKind.TopPercent, 50), new DesignTargeting(TargetingKind.TopUpliftPercent, 50));

        var forecasts = new DesignSweep(model, marginRate: 0.3)
            .Run(audience, [new DesignCandidate(design, byMargin), new DesignCandidate(design, byUplift)], budget: null, (_, _) => { }, CancellationToken.None)
            .ToDictionary(f => f.Candidate.Targeting.Kind, f => f.Forecast);

        var (margin, uplift) = (forecasts[TargetingKind.TopPercent], forecasts[TargetingKind.TopUpliftPercent]);
        Assert.Equal((500L, 500L), (margin.AudienceUsers, uplift.AudienceUsers));
        Assert.True(uplift.IncrementalConversions.Value > margin.IncrementalConversions.Value, $"{uplift.IncrementalConversions} against {margin.IncrementalConversions}");
        Assert.True(margin.IncrementalMargin.Value > uplift.IncrementalMargin.Value, $"{margin.IncrementalMargin} against {uplift.IncrementalMargin}");
    }
}
