using Platform.Domain.Decisions;
using Platform.Domain.Modeling;
using Platform.ML.Uplift;
using Platform.Simulation;
using static TorchSharp.torch;

namespace Platform.ML.Tests;

/// <summary>Serving one user: every design in one pass, the value breakdown, and reasons checked against single-feature runs.</summary>
public sealed class OfferScoringTests
{
    private static readonly Lazy<(UpliftModel Model, IReadOnlyList<(string Id, Domain.Campaigns.CampaignDesign Design)> Campaigns, IReadOnlyList<UpliftRow> Rows)> Trained = new(() =>
    {
        TorchRuntime.Initialize(threads: 2);
        var world = new SimulatedWorld(new WorldOptions(Seed: 21, Users: 2_000, Now: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        var rows = SimulatedUpliftData.Rows(world, 2_000).Select(s => s.Row).ToList();
        var campaigns = SimulatedUpliftData.Campaigns(world);
        var (model, _) = new UpliftTraining(new UpliftTraining.Options(Seed: 7, Members: 2, MaxEpochs: 2))
            .RunAsync(() => Rows(rows), campaigns, CPU, _ => { }, CancellationToken.None).GetAwaiter().GetResult();
        return (model, campaigns, rows);
    });

    [Fact]
    public void OneUserUnderManyDesignsScoresAsEachDesignAloneAndTheSharedUserPathAgrees()
    {
        var (model, campaigns, rows) = Trained.Value;
        var user = rows[0].Features;
        var offers = campaigns.Select(c => new Offer(c.Design, c.Id)).Append(new Offer(campaigns[0].Design with { Value = 35m }, null)).ToList();

        var offerRows = offers.Select(o => new OfferRow(model.Schema.Encode(user), o.Design, o.CampaignId, user)).ToList();
        var together = model.Predict(offerRows, CPU);
        var vector = model.Schema.Encode(user);
        var shared = model.Predict(offers.Select(o => new OfferRow(vector, o.Design, o.CampaignId, user)).ToList(), CPU); // one array: the user part once

        for (var i = 0; i < offers.Count; i++)
        {
            var alone = model.Predict(model.Schema.Encode(user), [(float)DesignEncoder.CategoryMatch(offers[i].Design, user)], offers[i].Design, offers[i].CampaignId, CPU);
            for (var m = 0; m < alone.Members; m++)
            {
                Assert.Equal(alone.Treated[m][0], together.Treated[m][i], 6);
                Assert.Equal(alone.Control[m][0], together.Control[m][i], 6);
                Assert.Equal(alone.TreatedValue[m][0], together.TreatedValue[m][i], (a, b) => CloseValues(a, b));
                Assert.Equal(together.Treated[m][i], shared.Treated[m][i], 6);
                Assert.Equal(together.Control[m][i], shared.Control[m][i], 6);
                Assert.Equal(together.TreatedValue[m][i], shared.TreatedValue[m][i], (a, b) => CloseValues(a, b));
                Assert.Equal(together.Participation[m][i], shared.Participation[m][i], 6);
            }
        }
    }

    // Order values (hundreds or thousands) from float sums in another order, through exp: equal to about six digits
    // (the paths differed by 6e-7 of the value at most; a float holds about 1e-7).
    private static bool CloseValues(float a, float b) => Math.Abs(a - b) <= 2e-6 * Math.Max(1, Math.Abs(a));

    [Fact]
    public void ManyUsersUnderManyDesignsScoreAsEachDesignAlone()
    {
        var (model, campaigns, rows) = Trained.Value;
        var users = rows.Take(50).Select(r => r.Features).ToList();
        var scope = campaigns[0].Design;
        var designs = new[] { scope, scope with { Value = 35m, Channel = Domain.Campaigns.Channel.Push }, scope with { Type = Domain.Campaigns.CampaignType.FreeShipping, Value = null } };
        var vectors = users.SelectMany(u => model.Schema.Encode(u)).ToArray();
        var matches = users.Select(u => (float)DesignEncoder.CategoryMatch(scope, u)).ToArray();

        var together = model.Predict(vectors, matches, designs, CPU);

        for (var d = 0; d < designs.Length; d++)
        {
            var alone = model.Predict(vectors, matches, designs[d], campaignId: null, CPU);
            for (var m = 0; m < alone.Members; m++)
            {
                Assert.Equal(alone.Treated[m], together[d].Treated[m], (a, b) => Math.Abs(a - b) < 1e-6);
                Assert.Equal(alone.Control[m], together[d].Control[m], (a, b) => Math.Abs(a - b) < 1e-6);
                Assert.Equal(alone.TreatedValue[m], together[d].TreatedValue[m], (a, b) => Math.Abs(a - b) < 1e-5 * Math.Max(100, Math.Abs(a))); // float sums in another order: relative
                Assert.Equal(alone.Participation[m], together[d].Participation[m], (a, b) => Math.Abs(a - b) < 1e-6);
            }
        }

        Assert.NotEqual(together[0].Treated[0], together[1].Treated[0]);
    }

    // A few rows are scored with plain arrays (UpliftMemberArrays), many with tensors: the same network either way.
    [Fact]
    public void RowsScoredWithArraysEqualTheSameRowsScoredWithTensors()
    {
        var (model, campaigns, rows) = Trained.Value;
        var offers = campaigns.Select(c => new Offer(c.Design, c.Id)).Append(new Offer(campaigns[0].Design with { Value = 35m }, null)).ToList();
        var offerRows = rows.Take(200).SelectMany(r => offers.Select(o => new OfferRow(model.Schema.Encode(r.Features), o.Design, o.CampaignId, r.Features))).Take(UpliftModel.ArrayRows + 100).ToList();
        Assert.True(offerRows.Count > UpliftModel.ArrayRows);

        var tensors = model.Predict(offerRows, CPU);
        var arrays = new[] { offerRows.Take(UpliftModel.ArrayRows).ToList(), offerRows.Skip(UpliftModel.ArrayRows).ToList() }.Select(part => model.Predict(part, CPU)).ToList();
        AssertSamePredictions(tensors, arrays);
    }

    // Rows beyond one forward pass's chunk are scored chunk by chunk, each row as it would be alone in its chunk.
    [Fact]
    public void RowsBeyondOneChunkAreScoredAsThoughEachChunkWereScoredAlone()
    {
        var (model, campaigns, rows) = Trained.Value;
        var offers = campaigns.Select(c => new Offer(c.Design, c.Id)).Append(new Offer(campaigns[0].Design with { Value = 35m }, null)).ToList();
        var offerRows = rows.SelectMany(r => offers.Select(o => new OfferRow(model.Schema.Encode(r.Features), o.Design, o.CampaignId, r.Features)))
            .Take(UpliftModel.ChunkRows + UpliftModel.ArrayRows + 100).ToList();
        Assert.Equal(UpliftModel.ChunkRows + UpliftModel.ArrayRows + 100, offerRows.Count);

        var whole = model.Predict(offerRows, CPU);
        var parts = new[] { offerRows.Take(UpliftModel.ChunkRows).ToList(), offerRows.Skip(UpliftModel.ChunkRows).ToList() }.Select(part => model.Predict(part, CPU)).ToList();
        AssertSamePredictions(whole, parts);
    }

    private static void AssertSamePredictions(MemberPredictions whole, IReadOnlyList<MemberPredictions> parts)
    {
        for (var m = 0; m < whole.Members; m++)
        {
            foreach (var (ofWhole, ofParts, tolerance) in new[]
            {
                (whole.Control[m], parts.SelectMany(a => a.Control[m]).ToArray(), 1e-6), (whole.Treated[m], parts.SelectMany(a => a.Treated[m]).ToArray(), 1e-6),
                (whole.Participation[m], parts.SelectMany(a => a.Participation[m]).ToArray(), 1e-6),
                (whole.ControlValue[m], parts.SelectMany(a => a.ControlValue[m]).ToArray(), 1e-4), (whole.TreatedValue[m], parts.SelectMany(a => a.TreatedValue[m]).ToArray(), 1e-4),
            })
            {
                Assert.Equal(ofWhole, ofParts, (a, b) => Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Abs(a)));
            }
        }
    }

    [Fact]
    public void TheScoreLiesInItsIntervalAndTheMarginIsRevenueAtTheMarginRateLessCost()
    {
        var (model, campaigns, rows) = Trained.Value;
        var offers = campaigns.Select(c => new Offer(c.Design, c.Id)).ToList();

        foreach (var row in rows.Take(5))
        {
            foreach (var value in OfferScoring.Value(model, row.Features, offers, Objective.IncrementalMargin, marginRate: 0.35))
            {
                Assert.InRange(value.Score.Value, value.Score.Low, value.Score.High);
                Assert.Equal((value.IncrementalRevenue * 0.35) - value.DiscountCost, value.IncrementalMargin, 9);
                Assert.Equal(value.IncrementalMargin, value.Score.Value, 9);
                Assert.InRange(value.Participation, 0, 1);
            }
        }
    }

    [Fact]
    public void TheFirstReasonIsTheFeatureWhoseAverageValueMovesTheScoreMost()
    {
        var (model, campaigns, rows) = Trained.Value;
        var user = rows.First(r => r.Features.Count > 3).Features;
        var offer = new Offer(campaigns[0].Design, campaigns[0].Id);
        var full = OfferScoring.Value(model, user, [offer], Objective.IncrementalConversions, 0.3)[0].Score.Value;
        var known = model.Schema.Names.ToHashSet();
        var strongest = user.Keys.Where(known.Contains)
            .Select(name => (name, Change: full - OfferScoring.Value(model, user.Where(p => p.Key != name).ToDictionary(), [offer], Objective.IncrementalConversions, 0.3)[0].Score.Value))
            .Where(c => Math.Abs(c.Change) > 1e-9)
            .OrderByDescending(c => Math.Abs(c.Change)).First();

        var reasons = OfferScoring.Reasons(model, user, [offer], Objective.IncrementalConversions, 0.3)[0];

        Assert.InRange(reasons.Count, 1, OfferScoring.ReasonsPerOffer);
        Assert.Equal(FeatureWords.Reason(strongest.name, user[strongest.name], strongest.Change, Objective.IncrementalConversions), reasons[0]);
    }

    [Fact]
    public void ReasonsForManyOffersTogetherAreEachOffersReasonsAlone()
    {
        var (model, campaigns, rows) = Trained.Value;
        var user = rows.First(r => r.Features.Count > 3).Features;
        var offers = campaigns.Select(c => new Offer(c.Design, c.Id)).Append(new Offer(campaigns[0].Design with { Value = 35m }, null)).ToList();

        var together = OfferScoring.Reasons(model, user, offers, Objective.IncrementalMargin, 0.3);

        Assert.Equal(offers.Count, together.Count);
        Assert.Contains(together, reasons => reasons.Count > 0);
        for (var i = 0; i < offers.Count; i++)
        {
            Assert.Equal(OfferScoring.Reasons(model, user, [offers[i]], Objective.IncrementalMargin, 0.3)[0], together[i]);
        }
    }

    [Fact]
    public void ADesignThatNeverRanTakesTheLevelsOfTheCampaignsLikeIt()
    {
        var (model, campaigns, rows) = Trained.Value;
        var user = rows[0].Features;
        var (learned, variant) = (campaigns[0], campaigns[0].Design with { Value = (campaigns[0].Design.Value ?? 0) + 3 });
        var vector = model.Schema.Encode(user);
        float[] match = [(float)DesignEncoder.CategoryMatch(learned.Design, user)];
        var neighbours = new DesignNeighbours(model.Designs, model.Campaigns.Count);
        var weights = neighbours.LevelWeights(variant, campaignIndex: null);
        var memberWeights = neighbours.MemberWeights(variant, campaignIndex: null, model.Members.Count);

        var own = model.Predict(vector, match, learned.Design, learned.Id, CPU);
        var asNew = model.Predict(vector, match, variant, campaignId: null, CPU);

        // The control side reads the user, the window and the level alone: each member's for the variant is the learned
        // campaign's moved by the difference to the level that member borrows.
        using var noGrad = no_grad();
        static double Logit(float p) => Math.Log(p / (1 - p));
        for (var m = 0; m < model.Members.Count; m++)
        {
            var levels = model.Members[m].Level(arange(model.Campaigns.Count + 1)).data<float>().ToArray();
            var width = model.Members[m].LevelWidth;
            var shift = memberWeights[m].Select((w, c) => w * (levels[width * c] - levels[0])).Sum();
            Assert.Equal(Logit(own.Control[m][0]) + shift, Logit(asNew.Control[m][0]), 3);
        }

        Assert.True(weights[0] > weights[^1], string.Join(", ", weights));
        Assert.NotEqual(memberWeights[0], memberWeights[1]); // the members borrow differently, so the check above tells them apart
    }

    private static async IAsyncEnumerable<UpliftRow> Rows(IEnumerable<UpliftRow> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }

    [Fact]
    public void AUserWithOneFeatureLeftOutReadsAsACopyWithoutIt()
    {
        var user = new Dictionary<string, FeatureValue>(StringComparer.Ordinal)
        {
            ["age"] = FeatureValue.Of(41), ["region"] = FeatureValue.Of("north"), ["recency_days"] = FeatureValue.Of(3),
        };
        var copy = user.Where(p => p.Key != "region").ToDictionary(StringComparer.Ordinal);

        var without = new FeaturesWithout(user, "region");

        Assert.Equal(copy.Count, without.Count);
        Assert.Equal(copy.OrderBy(p => p.Key, StringComparer.Ordinal), without.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(copy.Keys.Order(StringComparer.Ordinal), without.Keys.Order(StringComparer.Ordinal));
        Assert.False(without.ContainsKey("region"));
        Assert.False(without.TryGetValue("region", out _));
        Assert.Throws<KeyNotFoundException>(() => without["region"]);
        Assert.Equal(FeatureValue.Of(41), without["age"]);
        Assert.Equal(user.Count, new FeaturesWithout(user, "not a feature").Count);
        var model = Trained.Value.Model;
        Assert.Equal(model.Schema.Encode(copy), model.Schema.Encode(without));
    }

    [Fact]
    public void ACampaignWhoseDesignChangedIsScoredUnderItsNewDesignAndNoOfferIsNoValue()
    {
        var (model, campaigns, rows) = Trained.Value;
        var user = rows[1].Features;
        var (id, design) = campaigns[0];
        var deeper = design with { Value = (design.Value ?? 0) + 15m };

        var before = OfferScoring.Value(model, user, [new Offer(design, id)], Objective.IncrementalMargin, 0.3).Single();
        var after = OfferScoring.Value(model, user, [new Offer(deeper, id)], Objective.IncrementalMargin, 0.3).Single();
        var again = OfferScoring.Value(model, user, [new Offer(design with { }, id)], Objective.IncrementalMargin, 0.3).Single();

        Assert.NotEqual(before.Score.Value, after.Score.Value);
        Assert.Equal(before, again); // an equal design read anew (another instance) scores the same
        Assert.Empty(OfferScoring.Value(model, user, [], Objective.IncrementalMargin, 0.3));
    }
}
