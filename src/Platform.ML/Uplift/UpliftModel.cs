using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Platform.Domain.Campaigns;
using Platform.Domain.Modeling;
using Platform.ML.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML.Uplift;

/// <summary>
/// A trained uplift model: the feature schema it reads, a bootstrap ensemble of networks, and how log order values are
/// scaled (the networks predict (log value − mean) / scale) with their spread around the prediction, so an expected
/// order value is exp(μ + σ²/2). Its bytes (<c>UpliftModel.Bytes.cs</c>) are the version's weights.
/// </summary>
public sealed partial class UpliftModel(
    FeatureSchema schema,
    UpliftHyperparameters hyperparameters,
    IReadOnlyList<string> campaigns,
    IReadOnlyList<UpliftNetwork> members,
    OrderValueScale value,
    IReadOnlyList<CampaignDesign>? designs = null) : IDisposable
{
    private readonly Lazy<IReadOnlyList<UpliftMemberArrays>> arrays = new(() => members.Select(m => m.ToArrays()).ToList());
    private readonly Lazy<DesignNeighbours> neighbours = new(() => new DesignNeighbours(designs, campaigns.Count));
    private readonly ConcurrentDictionary<string, (CampaignDesign Design, UpliftMemberArrays.DesignPart[] Parts)> designParts = new(StringComparer.Ordinal);

    public FeatureSchema Schema { get; } = schema;

    public UpliftHyperparameters Hyperparameters { get; } = hyperparameters;

    /// <summary>The campaigns the model learned from, in the order of the networks' campaign levels.</summary>
    public IReadOnlyList<string> Campaigns { get; } = campaigns;

    public IReadOnlyList<UpliftNetwork> Members { get; } = members;

    /// <summary>The designs of <see cref="Campaigns"/>, in the same order; null for a version written before they were kept.</summary>
    public IReadOnlyList<CampaignDesign>? Designs { get; } = designs;

    public OrderValueScale Value { get; } = value;

    /// <summary>
    /// Each member's predictions for rows of encoded data, each under its own campaign's design; the data's campaigns map
    /// to this model's campaign levels by id (a campaign it did not learn from gets the levels of those like it).
    /// </summary>
    public MemberPredictions Predict(UpliftTensors data, IReadOnlyList<int> rows)
    {
        var weights = data.Campaigns.Select(c => MemberLevelWeights(c.Design, c.Id)).ToList();
        var memberWeights = Enumerable.Range(0, Members.Count).SelectMany(m => weights.SelectMany(w => w[m])).ToArray();
        using var levels = tensor(memberWeights, [Members.Count, data.Campaigns.Count, Campaigns.Count + 1], device: data.Device);
        var predictions = MemberPredictions.Empty(Members.Count, rows.Count);
        for (var start = 0; start < rows.Count; start += ChunkRows)
        {
            var count = Math.Min(ChunkRows, rows.Count - start);
            using var index = tensor(rows.Skip(start).Take(count).Select(r => (long)r).ToArray(), device: data.Device);
            PredictInto(predictions, start, count, () =>
            {
                var (user, context, offer, campaign) = data.Inputs(index);
                return (user, context, offer, levels.index_select(1, campaign));
            });
        }

        return predictions;
    }

    /// <summary>
    /// Each member's predictions for users under one design: <paramref name="users"/> is [rows × schema width],
    /// <paramref name="matches"/> each user's category match. A campaign the model learned from keeps its own base level;
    /// any other design gets the levels of the campaigns like it (<see cref="DesignNeighbours"/>).
    /// </summary>
    public MemberPredictions Predict(float[] users, float[] matches, CampaignDesign design, string? campaignId, Device device) =>
        Predict(users, matches, [design], device, campaignId)[0];

    /// <summary>
    /// Each member's predictions for the same users under each of <paramref name="designs"/>, all designs that never ran
    /// (unless <paramref name="campaignId"/> names a campaign the model learned from) and share a category scope (the
    /// optimizer's candidates): what depends on the users alone (the trunk, and the heads' user columns) runs once per
    /// member; per design only its own columns, on one row, and the category match's column. Equal to
    /// <see cref="forward"/> on every row, at a fraction of the cost.
    /// </summary>
    public IReadOnlyList<MemberPredictions> Predict(float[] users, float[] matches, IReadOnlyList<CampaignDesign> designs, Device device, string? campaignId = null)
    {
        var count = matches.Length;
        var results = designs.Select(_ => MemberPredictions.Empty(Members.Count, count)).ToArray();
        var (contexts, offers, levelWeights) = (new float[designs.Count][], new float[designs.Count][], new float[designs.Count][][]);
        for (var d = 0; d < designs.Count; d++)
        {
            (contexts[d], offers[d], levelWeights[d]) = EncodeDesign(designs[d], campaignId);
        }

        for (var start = 0; start < count; start += ChunkRows)
        {
            var rows = Math.Min(ChunkRows, count - start);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var user = tensor(users.AsSpan(start * Schema.Width, rows * Schema.Width).ToArray(), [rows, Schema.Width], device: device);
            var match = tensor(matches.AsSpan(start, rows).ToArray(), [rows, 1], device: device);
            for (var m = 0; m < Members.Count; m++)
            {
                using var perMember = NewDisposeScope();
                var parts = Members[m].ForUsers(user);
                for (var d = 0; d < designs.Count; d++)
                {
                    using var perDesign = NewDisposeScope();
                    var context = tensor(contexts[d], [1, DesignEncoder.ContextWidth], device: device);
                    var offer = tensor(offers[d], [1, DesignEncoder.OfferWidth], device: device);
                    var level = Members[m].MixLevels(tensor(levelWeights[d][m], [1, Campaigns.Count + 1], device: device));
                    CopyInto(results[d], m, start, Members[m].ForDesign(parts, context, offer, level, match));
                }
            }
        }

        return results;
    }

    /// <summary>
    /// Each member's predictions for rows that each carry their own user vector and design (one user under many designs,
    /// or variants of one user): the serving path of recommendations. A campaign the model learned from keeps its own base
    /// level; any other gets the levels of the campaigns like it. Up to <see cref="ArrayRows"/> rows, consecutive rows that
    /// carry the same user array (one user under many offers) run what depends on the user alone once per member.
    /// </summary>
    public MemberPredictions Predict(IReadOnlyList<OfferRow> rows, Device device)
    {
        if (rows.Count <= ArrayRows)
        {
            return PredictWithArrays(rows);
        }

        var count = rows.Count;
        var users = new float[count * Schema.Width];
        var contexts = new float[count * DesignEncoder.ContextWidth];
        var offers = new float[count * DesignEncoder.OfferWidth];
        var levelWeights = new float[Members.Count * count * (Campaigns.Count + 1)]; // [members, rows, campaigns + 1]
        for (var r = 0; r < count; r++)
        {
            var row = rows[r];
            row.User.CopyTo(users, r * Schema.Width);
            DesignEncoder.EncodeContext(row.Design, contexts.AsSpan(r * DesignEncoder.ContextWidth, DesignEncoder.ContextWidth));
            DesignEncoder.EncodeOffer(row.Design, row.Features, offers.AsSpan(r * DesignEncoder.OfferWidth, DesignEncoder.OfferWidth));
            var weights = MemberLevelWeights(row.Design, row.CampaignId);
            for (var m = 0; m < Members.Count; m++)
            {
                weights[m].CopyTo(levelWeights, ((m * count) + r) * (Campaigns.Count + 1));
            }
        }

        var predictions = MemberPredictions.Empty(Members.Count, count);
        for (var start = 0; start < count; start += ChunkRows)
        {
            var chunk = Math.Min(ChunkRows, count - start);
            Tensor Rows(float[] values, int width) => tensor(values.AsSpan(start * width, chunk * width).ToArray(), [chunk, width], device: device);
            Tensor MemberRows(float[] values, int width) => stack(Enumerable.Range(0, Members.Count)
                .Select(m => tensor(values.AsSpan(((m * count) + start) * width, chunk * width).ToArray(), [chunk, width], device: device)));
            PredictInto(predictions, start, chunk, () => (
                Rows(users, Schema.Width), Rows(contexts, DesignEncoder.ContextWidth), Rows(offers, DesignEncoder.OfferWidth), MemberRows(levelWeights, Campaigns.Count + 1)));
        }

        return predictions;
    }

    /// <summary>Up to this many rows are scored with <see cref="UpliftMemberArrays"/>; more go through tensors, which win at size.</summary>
    public const int ArrayRows = 512;

    private MemberPredictions PredictWithArrays(IReadOnlyList<OfferRow> rows)
    {
        var predictions = MemberPredictions.Empty(Members.Count, rows.Count);
        if (rows.Count == 0)
        {
            return predictions;
        }

        var users = arrays.Value.Select(member => member.ForUser(rows[0].User)).ToArray(); // rewritten as the rows' user changes
        var designs = new Dictionary<(CampaignDesign, string?), UpliftMemberArrays.DesignPart[]>(); // the id picks the base level
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (!designs.TryGetValue((row.Design, row.CampaignId), out var design))
            {
                designs[(row.Design, row.CampaignId)] = design = DesignParts(row.Design, row.CampaignId);
            }

            var match = (float)DesignEncoder.CategoryMatch(row.Design, row.Features);
            for (var m = 0; m < Members.Count; m++)
            {
                if (r > 0 && !ReferenceEquals(row.User, rows[r - 1].User))
                {
                    arrays.Value[m].ForUser(row.User, users[m]);
                }

                Fill(predictions, m, r, arrays.Value[m].Outputs(users[m], design[m], match));
            }
        }

        return predictions;
    }

    /// <summary>
    /// Each member's part of a design alone. A saved campaign's are kept (by campaign id, while its design is unchanged):
    /// a storefront scores every shopper under the same running campaigns, so what the design alone makes is worked out
    /// once, not once per request.
    /// </summary>
    private UpliftMemberArrays.DesignPart[] DesignParts(CampaignDesign design, string? campaignId)
    {
        if (campaignId is not null && designParts.TryGetValue(campaignId, out var kept) && kept.Design == design)
        {
            return kept.Parts;
        }

        var (context, offer, levelWeights) = EncodeDesign(design, campaignId);
        var parts = new UpliftMemberArrays.DesignPart[Members.Count];
        for (var m = 0; m < Members.Count; m++)
        {
            parts[m] = arrays.Value[m].ForDesign(context, offer, levelWeights[m]);
        }

        if (campaignId is not null)
        {
            designParts[campaignId] = (design, parts);
        }

        return parts;
    }

    /// <summary>A design as the networks read it apart from any user: its context, its offer with the category match at 0, each member's level weights.</summary>
    private (float[] Context, float[] Offer, float[][] LevelWeights) EncodeDesign(CampaignDesign design, string? campaignId)
    {
        var (context, offer) = (new float[DesignEncoder.ContextWidth], new float[DesignEncoder.OfferWidth]);
        DesignEncoder.EncodeContext(design, context);
        DesignEncoder.EncodeOffer(design, NoFeatures, offer);
        return (context, offer, MemberLevelWeights(design, campaignId));
    }

    private static readonly IReadOnlyDictionary<string, FeatureValue> NoFeatures = new Dictionary<string, FeatureValue>();

    // As CopyInto does for tensors.
    private void Fill(MemberPredictions into, int m, int row, UpliftMemberArrays.RawOutputs outputs)
    {
        static float Sigmoid(double logit) => (float)(1 / (1 + Math.Exp(-logit)));
        into.Control[m][row] = Sigmoid(outputs.ControlLogit);
        into.Treated[m][row] = Sigmoid(outputs.ControlLogit + outputs.EffectLogit);
        into.ControlValue[m][row] = (float)Value.OrderValue(outputs.ControlLogValue);
        into.TreatedValue[m][row] = (float)Value.OrderValue(outputs.ControlLogValue + outputs.EffectLogValue);
        into.Participation[m][row] = Sigmoid(outputs.ParticipationLogit);
    }

    /// <summary>Rows per forward pass when predicting many (<see cref="TorchRuntime.ChunkRows"/>).</summary>
    public const int ChunkRows = TorchRuntime.ChunkRows;

    /// <summary>Each member's weights over the campaign levels for a design: its own when the model learned from it, else one of the campaigns like it (<see cref="DesignNeighbours.MemberWeights"/>).</summary>
    private float[][] MemberLevelWeights(CampaignDesign design, string? campaignId)
    {
        var known = campaignId is null ? -1 : IndexOf(campaignId);
        return neighbours.Value.MemberWeights(design, known < 0 ? null : known, Members.Count);
    }

    private int IndexOf(string campaignId)
    {
        for (var i = 0; i < Campaigns.Count; i++)
        {
            if (string.Equals(Campaigns[i], campaignId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public void Dispose()
    {
        foreach (var member in Members)
        {
            member.Dispose();
        }
    }

    // Fills rows [offset, offset + count) of the predictions; the inputs are made inside the scope that frees them.
    // levelWeights: [members, rows, campaigns + 1], each member's weights over its campaign levels for each row (DesignNeighbours).
    private void PredictInto(MemberPredictions into, int offset, int count, Func<(Tensor User, Tensor Context, Tensor Offer, Tensor LevelWeights)> inputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (user, context, offer, levelWeights) = inputs();
        for (var m = 0; m < Members.Count; m++)
        {
            using var perMember = NewDisposeScope(); // one member's intermediate tensors at a time (TorchRuntime.ChunkRows)
            CopyInto(into, m, offset, Members[m].Forward(user, context, offer, Members[m].MixLevels(levelWeights[m])));
        }
    }

    // Member m's outputs as chances and expected order values, into rows [offset, offset + rows) of the predictions.
    private void CopyInto(MemberPredictions into, int m, int offset, UpliftOutputs outputs)
    {
        using var scale = ((float)Value.Scale).ToScalar();
        using var shift = ((float)(Value.Mean + (Value.Variance / 2))).ToScalar();
        void Copy(Tensor values, float[][] target) =>
            MemoryMarshal.Cast<byte, float>(values.cpu().contiguous().bytes).CopyTo(target[m].AsSpan(offset));
        Copy(outputs.ControlLogit.sigmoid(), into.Control);
        Copy(outputs.TreatedLogit.sigmoid(), into.Treated);
        if (Value.Learned)
        {
            Copy(outputs.ControlLogValue.mul(scale).add(shift, Scalars.One).exp(), into.ControlValue);
            Copy(outputs.TreatedLogValue.mul(scale).add(shift, Scalars.One).exp(), into.TreatedValue);
        }
        else
        {
            var rows = (int)outputs.ControlLogit.shape[0];
            into.ControlValue[m].AsSpan(offset, rows).Clear();
            into.TreatedValue[m].AsSpan(offset, rows).Clear();
        }

        Copy(outputs.ParticipationLogit.sigmoid(), into.Participation);
    }
}
