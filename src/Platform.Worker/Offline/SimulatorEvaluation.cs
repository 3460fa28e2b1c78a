using Platform.Domain.Decisions;
using Platform.Domain.Modeling;
using Platform.ML.Uplift;
using Platform.Simulation;
using static TorchSharp.torch;

namespace Platform.Worker.Offline;

/// <summary>
/// Judges the uplift model where the truth is known (`./platform eval uplift`, docs/models.md#quality): for each seed, a
/// simulated shop's past campaigns are trained on as a tenant would train on them, and the held-out users' predicted
/// uplift is compared with the planted one, beside the two-model baseline trained on the same split.
/// </summary>
public static class SimulatorEvaluation
{
    public sealed record Settings(int Users, IReadOnlyList<int> Seeds, int Members, int MaxEpochs);

    public sealed record SeedResult(
        int Seed,
        int Rows,
        UpliftEvaluation Model,
        UpliftEvaluation Baseline,
        double PearsonModel,
        double PearsonBaseline,
        double SpearmanModel,
        double SpearmanBaseline,
        double ExpectedQiniModel,
        double ExpectedQiniBaseline,
        double ExpectedQiniTruth,
        IReadOnlyList<CampaignTruthCheck> Campaigns,
        IReadOnlyList<ForecastCheck> Forecasts,
        ForecastCheck? NeverRun,
        DecisionCheck Decisions,
        long TrainingMs);

    /// <summary>
    /// forecastCampaign's incremental conversions for a campaign's held-out users, all offered, against the planted sum of
    /// their uplifts (docs/forecasts.md#intervals).
    /// </summary>
    public sealed record ForecastCheck(string CampaignId, int Users, double Planted, double Predicted, double Low80, double High80, double Low95, double High95)
    {
        public bool Covered80 => Planted >= Low80 && Planted <= High80;

        public bool Covered95 => Planted >= Low95 && Planted <= High95;
    }

    /// <summary>The design no campaign ran that <see cref="ForecastCheck"/> judges for a seed: a depth halfway between two arms of one campaign.</summary>
    public const string NeverRunArm = "never-run";

    /// <summary>
    /// Decisions judged on the planted truth, with incremental margin at <see cref="MarginRate"/>: for each multi-arm
    /// campaign, how often the model's best arm for a held-out control user (who has a truth for every arm) is the truly
    /// best one; and the true incremental margin of offering each campaign only to users with a positive predicted margin,
    /// beside offering it to everyone and to exactly those with a positive true margin.
    /// </summary>
    public sealed record DecisionCheck(IReadOnlyList<ArmChoiceCheck> ArmChoices, double TargetedMargin, double EveryoneMargin, double OracleMargin);

    /// <summary>
    /// A multi-arm campaign's held-out control users: how often the model's best arm is the truly best one, beside picking an
    /// arm at random and sending everyone the arm that is best on average.
    /// </summary>
    public sealed record ArmChoiceCheck(string Campaign, int Choices, double ModelBestRate, double RandomBestRate, double SendToAllBestRate);


    public const double MarginRate = 0.3;

    /// <summary>A campaign's planted average effect on its held-out users against the model's prediction and intervals.</summary>
    public sealed record CampaignTruthCheck(string CampaignId, double Planted, double Predicted, double Low80, double High80, double Low95, double High95, double Observed)
    {
        public bool Covered80 => Planted >= Low80 && Planted <= High80;

        public bool Covered95 => Planted >= Low95 && Planted <= High95;
    }

    public sealed record Curves(IReadOnlyList<(int K, double Q)> QiniModel, IReadOnlyList<(int K, double Q)> QiniBaseline, IReadOnlyList<CalibrationBin> CalibrationModel, IReadOnlyList<CalibrationBin> CalibrationBaseline);

    public sealed record Result(Settings Settings, IReadOnlyList<SeedResult> Seeds, Curves FirstSeedCurves);

    public static async Task<Result> RunAsync(Settings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var results = new List<SeedResult>();
        Curves? curves = null;
        foreach (var seed in settings.Seeds)
        {
            progress.WriteLine($"seed {seed}: simulating {settings.Users:N0} users");
            var world = new SimulatedWorld(new WorldOptions(Seed: seed, Users: settings.Users, Now: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), Campaigns: DemoCampaigns.WithChannelTest));
            var samples = SimulatedUpliftData.Rows(world, settings.Users);
            var campaigns = SimulatedUpliftData.Campaigns(world);
            var options = new UpliftTraining.Options(Seed: seed, Members: settings.Members, MaxEpochs: settings.MaxEpochs);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (model, report) = await new UpliftTraining(options).RunAsync(
                () => samples.Select(s => s.Row).ToAsyncEnumerable(), campaigns, CPU, p => progress.WriteLine($"seed {seed}: {p.Phase} {p.Step}/{p.Steps} epoch {p.Epoch} {p.Detail}"), cancellationToken);
            var trainingMs = watch.ElapsedMilliseconds;
            using (model)
            {
                var (result, seedCurves) = Judge(seed, world, samples, campaigns, model, report, options, trainingMs, cancellationToken);
                results.Add(result);
                curves ??= seedCurves;
                progress.WriteLine($"seed {seed}: qini model {result.Model.Qini:F5} baseline {result.Baseline.Qini:F5}; pearson model {result.PearsonModel:F3} baseline {result.PearsonBaseline:F3}");
            }
        }

        return new Result(settings, results, curves!);
    }

    private static (SeedResult Result, Curves Curves) Judge(
        int seed, SimulatedWorld world, IReadOnlyList<SimulatedUpliftData.Sample> samples, IReadOnlyList<(string Id, Domain.Campaigns.CampaignDesign Design)> campaigns,
        UpliftModel model, UpliftReport report, UpliftTraining.Options options, long trainingMs, CancellationToken cancellationToken)
    {
        var split = options.SplitOrDefault;
        var data = new UpliftData(model.Schema, campaigns);
        var used = new List<SimulatedUpliftData.Sample>();
        foreach (var sample in samples)
        {
            if (data.Add(sample.Row))
            {
                used.Add(sample);
            }
        }

        using var tensors = new UpliftTensors(data, CPU);
        var train = Enumerable.Range(0, data.Count).Where(i => split.Of(data.UserIds[i]) == SplitPart.Train).ToList();
        var test = Enumerable.Range(0, data.Count).Where(i => split.Of(data.UserIds[i]) == SplitPart.Test).ToList();
        var predictions = model.Predict(tensors, test);
        var predicted = test.Select((_, j) => predictions.Uplift(j)).ToArray();
        using var baseline = TwoModelBaseline.Train(tensors, train, seed, cancellationToken);
        var (p0, p1) = baseline.Predict(tensors, test);
        var baselineUplift = test.Select((_, j) => (double)p1[j] - p0[j]).ToArray();
        var truth = test.Select(i => used[i].Truth.ConversionUplift).ToArray();

        // Qini on expected outcomes: each user's planted chance on its own side instead of its 0/1 outcome, so the
        // ranking is judged without the noise of who happened to buy.
        List<UpliftObservation> Expected(IReadOnlyList<double> scores) => test.Select((i, j) => new UpliftObservation(
            scores[j], used[i].Row.Treated, used[i].Row.Treated ? used[i].Truth.ConversionTreated : used[i].Truth.ConversionControl)).ToList();

        var forecasts = Forecasts(test, used, data, model, predictions, campaigns);
        var neverRun = NeverRun(test, used, data, model, world);
        var decisions = Decisions(test, used, data, predictions, campaigns, world.Campaigns);
        var checks = report.Effects.Select(effect =>
        {
            var rows = Enumerable.Range(0, test.Count).Where(j => data.Campaigns[data.Campaign[test[j]]].Id == effect.CampaignId).ToList();
            return new CampaignTruthCheck(effect.CampaignId, rows.Average(j => truth[j]), effect.PredictedLift, effect.Low80, effect.High80, effect.Low95, effect.High95, effect.ObservedLift);
        }).ToList();

        var observed = test.Select((i, j) => new UpliftObservation(predicted[j], data.Treated[i] > 0.5f, data.Converted[i])).Where(o => !double.IsNaN(o.Outcome)).ToList();
        var observedBaseline = test.Select((i, j) => new UpliftObservation(baselineUplift[j], data.Treated[i] > 0.5f, data.Converted[i])).Where(o => !double.IsNaN(o.Outcome)).ToList();
        var outcomes = test.Select(i => data.Converted[i] > 0.5f).ToList();
        var ownSide = test.Select((i, j) => MemberPredictions.Mean(data.Treated[i] > 0.5f ? predictions.Treated : predictions.Control, j)).ToList();
        var ownSideBaseline = test.Select((i, j) => (double)(data.Treated[i] > 0.5f ? p1[j] : p0[j])).ToList();
        var curves = new Curves(
            UpliftMetrics.QiniCurve(observed),
            UpliftMetrics.QiniCurve(observedBaseline),
            ClassificationMetrics.CalibrationCurve(ownSide, outcomes),
            ClassificationMetrics.CalibrationCurve(ownSideBaseline, outcomes));

        var result = new SeedResult(
            seed,
            data.Count,
            report.Model,
            report.Baseline,
            Correlation.Pearson(predicted, truth),
            Correlation.Pearson(baselineUplift, truth),
            Correlation.Spearman(predicted, truth),
            Correlation.Spearman(baselineUplift, truth),
            UpliftMetrics.QiniCoefficient(Expected(predicted)),
            UpliftMetrics.QiniCoefficient(Expected(baselineUplift)),
            UpliftMetrics.QiniCoefficient(Expected(truth)),
            checks,
            forecasts,
            neverRun,
            decisions,
            trainingMs);
        return (result, curves);
    }

    private static List<ForecastCheck> Forecasts(
        List<int> test, List<SimulatedUpliftData.Sample> used, UpliftData data, UpliftModel model, MemberPredictions predictions,
        IReadOnlyList<(string Id, Domain.Campaigns.CampaignDesign Design)> campaigns) =>
        campaigns.Select(campaign =>
        {
            var rows = Enumerable.Range(0, test.Count).Where(j => used[test[j]].Row.CampaignId == campaign.Id).ToList();
            var accumulator = new ForecastAccumulator(predictions.Members, campaign.Design, MarginRate, model.Value.Variance, treatedShare: 1, model.Value.OrdersPerConverter);
            rows.ForEach(j => accumulator.Add(predictions.Responses(j), group: null));
            var incremental = accumulator.Result(budget: null, []).IncrementalConversions;
            return new ForecastCheck(
                campaign.Id, rows.Count, rows.Sum(j => used[test[j]].Truth.ConversionUplift), incremental.Value, incremental.Low80, incremental.High80, incremental.Low95, incremental.High95);
        }).Where(c => c.Users > 0).ToList();

    /// <summary>
    /// A design no campaign ran, a depth halfway between the two arms of a campaign that ran two of one type on one channel,
    /// forecast (as for a new design: no campaign column) for that campaign's held-out users, all offered, against the
    /// planted sum of what it would have done for them; null when no campaign ran two such arms.
    /// </summary>
    private static ForecastCheck? NeverRun(List<int> test, List<SimulatedUpliftData.Sample> used, UpliftData data, UpliftModel model, SimulatedWorld world)
    {
        var plan = world.Campaigns.FirstOrDefault(p => p.Arms.Count >= 2 && p.Arms.Select(a => (a.Type, a.Channel)).Distinct().Count() == 1);
        if (plan is null)
        {
            return null;
        }

        var arm = plan.Arms[0] with { Name = NeverRunArm, Value = (plan.Arms.Min(a => a.Value) + plan.Arms.Max(a => a.Value)) / 2 };
        var design = SimulatedUpliftData.Design(plan, arm, world.Options.Clock);
        var (rows, users, matches) = HeldOutUsersOf(plan, test, used, data);
        var predictions = model.Predict(users, matches, design, campaignId: null, CPU);
        var accumulator = new ForecastAccumulator(predictions.Members, design, MarginRate, model.Value.Variance, treatedShare: 1, model.Value.OrdersPerConverter)
        {
            Widening = DesignCoverage.IsOutside(design, model.Designs) ? DesignCoverage.Widening : 1,
        };
        Enumerable.Range(0, rows.Count).ToList().ForEach(r => accumulator.Add(predictions.Responses(r), group: null));
        var incremental = accumulator.Result(budget: null, []).IncrementalConversions;
        return new ForecastCheck(
            plan.CampaignId(arm), rows.Count, rows.Sum(i => world.Truth(used[i].Row.UserId, plan, arm).ConversionUplift),
            incremental.Value, incremental.Low80, incremental.High80, incremental.Low95, incremental.High95);
    }

    /// <summary>A plan's held-out users, once each (a control user has a row per arm), with their encoded features and category match.</summary>
    private static (List<int> Rows, float[] Users, float[] Matches) HeldOutUsersOf(CampaignPlan plan, List<int> test, List<SimulatedUpliftData.Sample> used, UpliftData data)
    {
        var planIds = plan.Arms.Select(plan.CampaignId).ToHashSet(StringComparer.Ordinal);
        var rows = test.Where(i => planIds.Contains(used[i].Row.CampaignId)).DistinctBy(i => used[i].Row.UserId).ToList();
        var width = data.UserWidth;
        var (users, matches) = (new float[rows.Count * width], new float[rows.Count]);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var k = 0; k < width; k++)
            {
                users[(r * width) + k] = data.User[(rows[r] * width) + k];
            }

            matches[r] = data.Match[rows[r]];
        }

        return (rows, users, matches);
    }

    /// <summary>The planted incremental margin of offering <paramref name="design"/>, valued as the platform values offers.</summary>
    private static double TrueMargin(Domain.Campaigns.CampaignDesign design, ArmTruth truth) => OfferValuation.Margin(
        truth.RevenueUplift,
        OfferValuation.DiscountCost(design, truth.ConversionTreated, truth.ConversionTreated > 0 ? truth.RevenueTreated / truth.ConversionTreated : 0),
        design,
        MarginRate);

    private static DecisionCheck Decisions(
        List<int> test, List<SimulatedUpliftData.Sample> used, UpliftData data, MemberPredictions predictions,
        IReadOnlyList<(string Id, Domain.Campaigns.CampaignDesign Design)> campaigns, IReadOnlyList<CampaignPlan> plans)
    {
        var planOf = plans.SelectMany(p => p.Arms.Select(a => (Id: p.CampaignId(a), p.Name))).ToDictionary(x => x.Id, x => x.Name, StringComparer.Ordinal);
        var designs = campaigns.ToDictionary(c => c.Id, c => c.Design, StringComparer.Ordinal);
        var scored = Enumerable.Range(0, test.Count).Select(j =>
        {
            var sample = used[test[j]];
            var design = designs[sample.Row.CampaignId];
            var predicted = OfferValuation.Value(predictions.Responses(j), design, Objective.IncrementalMargin, MarginRate).Score.Value;
            return (sample.Row, Predicted: predicted, True: TrueMargin(design, sample.Truth));
        }).ToList();

        // A control user of a multi-arm campaign has a row, with its truth, for every arm: one choice among them.
        var choices = scored.Where(s => !s.Row.Treated).GroupBy(s => (s.Row.UserId, s.Row.AssignedAt)).Where(g => g.Count() > 1).Select(g => g.ToList()).ToList();
        var bestOnAverage = choices.SelectMany(c => c).GroupBy(s => s.Row.CampaignId).ToDictionary(g => g.Key, g => g.Average(s => s.True), StringComparer.Ordinal);
        bool IsBest(List<(UpliftRow Row, double Predicted, double True)> choice, string campaignId) => choice.MaxBy(s => s.True).Row.CampaignId == campaignId;
        var perCampaign = choices.GroupBy(c => planOf[c[0].Row.CampaignId]).Select(g => new ArmChoiceCheck(
            g.Key,
            g.Count(),
            g.Average(c => IsBest(c, c.MaxBy(s => s.Predicted).Row.CampaignId) ? 1.0 : 0),
            g.Average(c => 1.0 / c.Count),
            g.Average(c => IsBest(c, c.MaxBy(s => bestOnAverage[s.Row.CampaignId]).Row.CampaignId) ? 1.0 : 0))).ToList();

        return new DecisionCheck(
            perCampaign,
            scored.Where(s => s.Predicted > 0).Sum(s => s.True),
            scored.Sum(s => s.True),
            scored.Where(s => s.True > 0).Sum(s => s.True));
    }
}
