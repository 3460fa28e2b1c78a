using System.Text;
using System.Text.Json;
using Platform.Domain.Campaigns;
using Platform.Domain.Modeling;
using Platform.ML.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML.Uplift;

/// <summary>
/// A trained uplift model: the feature schema it reads, a bootstrap ensemble of networks, and how log order values are
/// scaled (the networks predict (log value − mean) / scale) with their spread around the prediction, so an expected
/// order value is exp(μ + σ²/2). Its bytes are the version's weights.
/// </summary>
public sealed class UpliftModel(
    FeatureSchema schema, UpliftHyperparameters hyperparameters, IReadOnlyList<string> campaigns, IReadOnlyList<UpliftNetwork> members, OrderValueScale value) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public FeatureSchema Schema { get; } = schema;

    public UpliftHyperparameters Hyperparameters { get; } = hyperparameters;

    /// <summary>The campaigns the model learned from, in the order of the networks' campaign levels.</summary>
    public IReadOnlyList<string> Campaigns { get; } = campaigns;

    public IReadOnlyList<UpliftNetwork> Members { get; } = members;

    public OrderValueScale Value { get; } = value;

    /// <summary>
    /// Each member's predictions for rows of encoded data, each under its own campaign's design; the data's campaigns map
    /// to this model's campaign levels by id (a campaign it did not learn from gets the average campaign's).
    /// </summary>
    public MemberPredictions Predict(UpliftTensors data, IReadOnlyList<int> rows)
    {
        using var index = tensor(rows.Select(r => (long)r).ToArray(), device: data.Device);
        var known = Campaigns.Select((id, i) => (id, i)).ToDictionary(c => c.id, c => c.i, StringComparer.Ordinal);
        using var levels = tensor(data.CampaignIds.Select(id => (long)known.GetValueOrDefault(id, Campaigns.Count)).ToArray(), device: data.Device);
        return Predict(_ =>
        {
            var (user, context, offer, campaign) = data.Inputs(index);
            return (user, context, offer, levels.index_select(0, campaign));
        }, rows.Count);
    }

    /// <summary>
    /// Each member's predictions for users under one design: <paramref name="users"/> is [rows × schema width],
    /// <paramref name="matches"/> each user's category match. A campaign the model learned from keeps its own base level;
    /// any other design gets the average campaign's.
    /// </summary>
    public MemberPredictions Predict(float[] users, float[] matches, CampaignDesign design, string? campaignId, Device device)
    {
        var count = matches.Length;
        var known = campaignId is null ? -1 : Campaigns.ToList().IndexOf(campaignId);
        var campaignIndex = known < 0 ? Campaigns.Count : known;
        var context = new float[DesignEncoder.ContextWidth];
        var offer = new float[DesignEncoder.OfferWidth];
        DesignEncoder.EncodeContext(design, context);
        DesignEncoder.EncodeOffer(design, new Dictionary<string, FeatureValue>(), offer);
        return Predict(_ =>
        {
            var userTensor = tensor(users, [count, Schema.Width], device: device);
            var contexts = tensor(context, [1, context.Length], device: device).expand(count, -1);
            var offers = tensor(offer, [1, offer.Length], device: device).expand(count, -1);
            var withMatch = cat([offers.narrow(1, 0, offer.Length - 1), tensor(matches, device: device).unsqueeze(1)], 1);
            return (userTensor, contexts, withMatch, full(count, (long)campaignIndex, dtype: ScalarType.Int64, device: device));
        }, count);
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(JsonSerializer.Serialize(new Header(Schema, Hyperparameters, Campaigns, Members.Count, Value, DesignEncoder.OfferWidth), Json));
            foreach (var member in Members)
            {
                var state = ModuleState.Save(member);
                writer.Write(state.Length);
                writer.Write(state);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Reads a model written by <see cref="ToBytes"/>; bytes that do not fit the network are an error.</summary>
    public static UpliftModel FromBytes(byte[] bytes, Device device)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        var header = JsonSerializer.Deserialize<Header>(reader.ReadString(), Json) ?? throw new InvalidDataException("The model has no header.");
        if (header.OfferWidth != DesignEncoder.OfferWidth)
        {
            throw new InvalidDataException($"The model encodes offers in {header.OfferWidth} columns; this build uses {DesignEncoder.OfferWidth}.");
        }

        var members = new List<UpliftNetwork>();
        for (var m = 0; m < header.Members; m++)
        {
            var network = new UpliftNetwork(header.Schema.Width, DesignEncoder.ContextWidth, DesignEncoder.OfferWidth, header.Hyperparameters.Width, header.Campaigns.Count);
            ModuleState.Load(network, reader.ReadBytes(reader.ReadInt32()));
            network.to(device);
            network.eval();
            members.Add(network);
        }

        return new UpliftModel(header.Schema, header.Hyperparameters, header.Campaigns, members, header.Value);
    }

    public void Dispose()
    {
        foreach (var member in Members)
        {
            member.Dispose();
        }
    }

    private MemberPredictions Predict(Func<int, (Tensor User, Tensor Context, Tensor Offer, Tensor Campaign)> inputs, int count)
    {
        var k = Members.Count;
        float[][] New() => Enumerable.Range(0, k).Select(_ => new float[count]).ToArray();
        var (control, treated, controlValue, treatedValue, participation) = (New(), New(), New(), New(), New());
        var (mean, scale, halfVariance) = ((float)Value.Mean, (float)Value.Scale, (float)(Value.Variance / 2));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (user, context, offer, campaign) = inputs(0);
        for (var m = 0; m < k; m++)
        {
            var outputs = Members[m].forward(user, context, offer, campaign);
            outputs.ControlLogit.sigmoid().cpu().data<float>().CopyTo(control[m]);
            outputs.TreatedLogit.sigmoid().cpu().data<float>().CopyTo(treated[m]);
            ((outputs.ControlLogValue * scale) + mean + halfVariance).exp().cpu().data<float>().CopyTo(controlValue[m]);
            ((outputs.TreatedLogValue * scale) + mean + halfVariance).exp().cpu().data<float>().CopyTo(treatedValue[m]);
            outputs.ParticipationLogit.sigmoid().cpu().data<float>().CopyTo(participation[m]);
        }

        return new MemberPredictions(control, treated, controlValue, treatedValue, participation);
    }

    private sealed record Header(FeatureSchema Schema, UpliftHyperparameters Hyperparameters, IReadOnlyList<string> Campaigns, int Members, OrderValueScale Value, int OfferWidth);
}
