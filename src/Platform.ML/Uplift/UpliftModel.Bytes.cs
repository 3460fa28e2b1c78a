using Platform.Domain.Campaigns;
using Platform.Domain.Modeling;
using Platform.ML.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML.Uplift;

/// <summary>A model's bytes, the version's weights: a JSON header (schema, hyperparameters, campaigns, value scale, designs), then each member's state.</summary>
public sealed partial class UpliftModel
{
    public byte[] ToBytes() =>
        ModelBytes.Write(new Header(Schema, Hyperparameters, Campaigns, Members.Count, Value, DesignEncoder.OfferWidth, Designs, Members.Any(m => m.Cross), Members.Any(m => m.CampaignEffects)), Members);

    /// <summary>Reads a model written by <see cref="ToBytes"/>; bytes that do not fit the network are an error.</summary>
    public static UpliftModel FromBytes(byte[] bytes, Device device)
    {
        using var reader = new ModelBytes.Reader(bytes);
        var header = reader.Header<Header>();
        if (header.OfferWidth != DesignEncoder.OfferWidth)
        {
            throw new InvalidDataException($"The model encodes offers in {header.OfferWidth} columns; this build uses {DesignEncoder.OfferWidth}.");
        }

        var members = new List<UpliftNetwork>();
        try
        {
            for (var m = 0; m < header.Members; m++)
            {
                var network = new UpliftNetwork(header.Schema.Width, DesignEncoder.ContextWidth, DesignEncoder.OfferWidth, header.Hyperparameters.Width, header.Campaigns.Count, header.Cross, header.CampaignEffects);
                members.Add(network);
                reader.LoadNext(network);
                network.to(device);
                network.eval();
            }
        }
        catch
        {
            members.ForEach(network => network.Dispose());
            throw;
        }

        return new UpliftModel(header.Schema, header.Hyperparameters, header.Campaigns, members, header.Value, header.Designs);
    }

    private sealed record Header(
        FeatureSchema Schema, UpliftHyperparameters Hyperparameters, IReadOnlyList<string> Campaigns, int Members, OrderValueScale Value, int OfferWidth,
        IReadOnlyList<CampaignDesign>? Designs = null, bool Cross = false, bool CampaignEffects = false); // a model saved before the cross path (the offsets) has none
}
