using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Modeling;
using Platform.ML.Uplift;
using Platform.Storage.Audiences;
using static TorchSharp.torch;

namespace Platform.Gateway.Operations;

/// <summary>
/// An audience encoded once for many designs: each batch's user vectors, category matches (one scope for every design of a
/// search) and RFM segments; and a sample of users' features (<see cref="DriverSample"/>), for the drivers.
/// </summary>
public sealed class EncodedAudience(UpliftModel model, CampaignDesign scope)
{
    private readonly List<(float[] Vectors, float[] Matches, string[] Segments)> batches = [];

    public long Users { get; private set; }

    public DriverSample Sample { get; } = new();

    public IReadOnlyList<(float[] Vectors, float[] Matches, string[] Segments)> Batches => batches;

    public void Add(IReadOnlyList<AudienceMember> members)
    {
        var width = model.Schema.Width;
        var (vectors, matches) = (new float[members.Count * width], new float[members.Count]);
        for (var i = 0; i < members.Count; i++)
        {
            model.Schema.Encode(members[i].Features, vectors.AsSpan(i * width, width));
            matches[i] = (float)DesignEncoder.CategoryMatch(scope, members[i].Features);
        }

        batches.Add((vectors, matches, members.Select(m => m.Segment ?? "none").ToArray()));
        foreach (var member in members)
        {
            Sample.Offer(member.UserId, member.Features);
        }

        Users += members.Count;
    }
}

/// <summary>
/// Forecasts every candidate of a search over one encoded audience (docs/forecasts.md#optimizer). The user trunk runs once
/// per batch and member, the heads once per design. With a targeting by expected margin or conversion uplift, a first pass
/// scores every user under every design, so each targeting knows whom it picks; the second pass sums the picked users' predictions.
/// </summary>
public sealed class DesignSweep(UpliftModel model, double marginRate)
{
    /// <param name="progress">Called after each batch of each pass with the share of the work done.</param>
    public IReadOnlyList<(DesignCandidate Candidate, CampaignForecast Forecast)> Run(
        EncodedAudience audience, IReadOnlyList<DesignCandidate> candidates, decimal? budget, Action<string, double> progress, CancellationToken cancellationToken)
    {
        var designs = candidates.Select(c => c.Design).Distinct().ToList();
        var designOf = candidates.Select(c => designs.IndexOf(c.Design)).ToArray();
        var scoring = candidates.Any(c => c.Targeting.NeedsScores);
        var passes = scoring ? 2 : 1;
        var masks = new bool[]?[candidates.Count];
        if (scoring)
        {
            // Each user's figure under each design that a targeting ranks by ([ranking][design][user], the ensemble's mean):
            // whom each targeting picks. The figures come from one valuation, so a second ranking costs no model pass.
            var rankings = candidates.Where(c => c.Targeting.NeedsScores).Select(c => c.Targeting.RankedBy).Distinct().ToList();
            var scores = rankings.Select(_ => designs.Select(_ => new float[audience.Users]).ToArray()).ToArray();
            ForEachUser(audience, designs, share => progress("scoring shoppers", share / passes), cancellationToken, (d, user, responses, _) =>
            {
                var value = OfferValuation.Value(responses, designs[d], Objective.IncrementalMargin, marginRate);
                for (var r = 0; r < rankings.Count; r++)
                {
                    scores[r][d][user] = (float)DesignTargeting.Figure(rankings[r], value);
                }
            });
            for (var c = 0; c < candidates.Count; c++)
            {
                masks[c] = candidates[c].Targeting.Select(scores[rankings.IndexOf(candidates[c].Targeting.RankedBy)][designOf[c]]);
            }
        }

        var accumulators = candidates.Select(c => new ForecastAccumulator(model.Members.Count, c.Design, marginRate, model.Value.Variance, 1 - c.Design.HoldoutShare, model.Value.OrdersPerConverter)
        {
            Widening = DesignCoverage.IsOutside(c.Design, model.Designs) ? DesignCoverage.Widening : 1,
        }).ToArray();
        var byDesign = Enumerable.Range(0, designs.Count).Select(d => Enumerable.Range(0, candidates.Count).Where(c => designOf[c] == d).ToArray()).ToArray();
        ForEachUser(audience, designs, share => progress("forecasting", (passes - 1 + share) / passes), cancellationToken, (d, user, responses, segment) =>
        {
            foreach (var c in byDesign[d])
            {
                if (masks[c] is not { } picked || picked[user])
                {
                    accumulators[c].Add(responses, segment);
                }
            }
        });

        return candidates.Select((c, i) => (c, accumulators[i].Result(budget, ForecastWarnings.Of(c.Design, model)))).ToList();
    }

    // Calls visit(design, user index, the members' predictions, segment) for every user under every design, batch by batch.
    private void ForEachUser(
        EncodedAudience audience, IReadOnlyList<CampaignDesign> designs, Action<double> progress, CancellationToken cancellationToken,
        Action<int, int, IReadOnlyList<ResponsePrediction>, string> visit)
    {
        var offset = 0;
        foreach (var (batch, b) in audience.Batches.Select((batch, b) => (batch, b)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var predictions = model.Predict(batch.Vectors, batch.Matches, designs, CPU);
            for (var d = 0; d < designs.Count; d++)
            {
                for (var i = 0; i < batch.Matches.Length; i++)
                {
                    visit(d, offset + i, predictions[d].Responses(i), batch.Segments[i]);
                }
            }

            offset += batch.Matches.Length;
            progress((b + 1.0) / audience.Batches.Count);
        }
    }
}
