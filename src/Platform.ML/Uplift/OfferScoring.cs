using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Modeling;
using static TorchSharp.torch;

namespace Platform.ML.Uplift;

/// <summary>A design to score for a user: a saved campaign (its id gives the model its own base level) or a design that never ran.</summary>
public sealed record Offer(CampaignDesign Design, string? CampaignId);

/// <summary>
/// Scores offers for one user with an uplift model (docs/recommendations.md#value), and says why: each reason is a feature
/// whose value moves the objective most — the model run again with that feature left out, everything else unchanged. A
/// number left out reads as its training average (or as missing, where training saw it missing), a category or tag as
/// none, an affinity as no interest.
/// </summary>
public static class OfferScoring
{
    public const int ReasonsPerOffer = 3;

    public static IReadOnlyList<OfferValue> Value(
        UpliftModel model, IReadOnlyDictionary<string, FeatureValue> user, IReadOnlyList<Offer> offers, Objective objective, double marginRate)
    {
        var vector = model.Schema.Encode(user);
        var predictions = model.Predict(offers.Select(o => new OfferRow(vector, o.Design, o.CampaignId, user)).ToList(), CPU);
        return offers.Select((o, i) => OfferValuation.Value(predictions.Responses(i), o.Design, objective, marginRate)).ToList();
    }

    /// <summary>Each member's predictions for many users under one offer (an audience batch).</summary>
    public static MemberPredictions Predict(UpliftModel model, IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>> users, Offer offer) =>
        Predict(model, Encode(model, users, offer), offer);

    /// <summary>Users encoded as the model reads them under one offer: their vectors, row by row, and their category matches.</summary>
    public sealed record EncodedUsers(float[] Vectors, float[] Matches);

    public static EncodedUsers Encode(UpliftModel model, IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>> users, Offer offer)
    {
        var width = model.Schema.Width;
        var vectors = new float[users.Count * width];
        var matches = new float[users.Count];
        for (var i = 0; i < users.Count; i++)
        {
            model.Schema.Encode(users[i], vectors.AsSpan(i * width, width));
            matches[i] = (float)DesignEncoder.CategoryMatch(offer.Design, users[i]);
        }

        return new EncodedUsers(vectors, matches);
    }

    public static MemberPredictions Predict(UpliftModel model, EncodedUsers users, Offer offer) =>
        model.Predict(users.Vectors, users.Matches, offer.Design, offer.CampaignId, CPU);

    /// <summary>
    /// The features that move an offer's score most across a sample of users: for each feature, the mean change in the
    /// objective when it is left out (users without it count no change), strongest first, up to
    /// <see cref="ReasonsPerOffer"/>, in plain words.
    /// </summary>
    public static IReadOnlyList<string> Drivers(
        UpliftModel model, IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>> users, Offer offer, Objective objective, double marginRate)
    {
        var known = model.Schema.Names.ToHashSet(StringComparer.Ordinal);
        var rows = new List<OfferRow>();
        var layout = new List<(int User, string? Without)>();
        for (var u = 0; u < users.Count; u++)
        {
            foreach (var without in users[u].Keys.Where(known.Contains).Prepend(null))
            {
                var features = without is null ? users[u] : new FeaturesWithout(users[u], without);
                rows.Add(new OfferRow(model.Schema.Encode(features), offer.Design, offer.CampaignId, features));
                layout.Add((u, without));
            }
        }

        if (rows.Count == 0)
        {
            return [];
        }

        var predictions = model.Predict(rows, CPU);
        var changes = new Dictionary<string, double>(StringComparer.Ordinal);
        var full = 0.0;
        for (var row = 0; row < layout.Count; row++)
        {
            var score = OfferValuation.Value(predictions.Responses(row), offer.Design, objective, marginRate).Score.Value;
            if (layout[row].Without is not { } name)
            {
                full = score;
                continue;
            }

            changes[name] = changes.GetValueOrDefault(name) + ((full - score) / users.Count);
        }

        return changes.Where(c => Math.Abs(c.Value) > 1e-9)
            .OrderByDescending(c => Math.Abs(c.Value)).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(ReasonsPerOffer)
            .Select(c => FeatureWords.Driver(c.Key, c.Value, objective))
            .ToList();
    }

    /// <summary>Up to <see cref="ReasonsPerOffer"/> reasons per offer, in plain words, strongest first.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Reasons(
        UpliftModel model, IReadOnlyDictionary<string, FeatureValue> user, IReadOnlyList<Offer> offers, Objective objective, double marginRate)
    {
        if (offers.Count == 0)
        {
            return [];
        }

        // An offer's candidates: the user's features the model reads, and the user's affinities to the offer's categories
        // (they move its category match).
        var known = model.Schema.Names.ToHashSet(StringComparer.Ordinal);
        var read = user.Keys.Where(known.Contains).ToList();
        var candidates = offers.Select(o => read.Concat((o.Design.CategoryIds ?? []).Select(c => FeatureSchema.AffinityPrefix + c).Where(user.ContainsKey))
            .ToHashSet(StringComparer.Ordinal)).ToList();

        // Each variant of the user (the whole user first, then one feature left out) under every offer it concerns, its rows
        // together and sharing one vector, so what depends on the user alone runs once per variant, not once per offer.
        var rows = new List<OfferRow>();
        var layout = new List<(int Offer, string? Without)>();
        foreach (var without in candidates.SelectMany(c => c).Distinct(StringComparer.Ordinal).Prepend(null))
        {
            var features = without is null ? user : new FeaturesWithout(user, without);
            var vector = model.Schema.Encode(features);
            for (var o = 0; o < offers.Count; o++)
            {
                if (without is null || candidates[o].Contains(without))
                {
                    rows.Add(new OfferRow(vector, offers[o].Design, offers[o].CampaignId, features));
                    layout.Add((o, without));
                }
            }
        }

        var predictions = model.Predict(rows, CPU);
        var full = new double[offers.Count];
        var changes = offers.Select(_ => new List<(string Name, double Change)>()).ToList();
        for (var row = 0; row < layout.Count; row++)
        {
            var (o, without) = layout[row];
            var score = OfferValuation.Value(predictions.Responses(row), offers[o].Design, objective, marginRate).Score.Value;
            if (without is null)
            {
                full[o] = score; // the whole user's rows come first
            }
            else
            {
                changes[o].Add((without, full[o] - score));
            }
        }

        return changes.Select(IReadOnlyList<string> (offerChanges) => offerChanges.Where(c => Math.Abs(c.Change) > 1e-9)
            .OrderByDescending(c => Math.Abs(c.Change)).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(ReasonsPerOffer)
            .Select(c => FeatureWords.Reason(c.Name, user[c.Name], c.Change, objective))
            .ToList()).ToList();
    }
}
