using System.Text;
using System.Text.Json;
using Platform.Domain.Campaigns;
using Platform.Domain.Modeling;
using Platform.ML.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML.Uplift;

/// <summary>A model's bytes, the version's weights: a JSON header (schema, hyperparameters, campaigns, value scale, designs), then each member's state.</summary>
public sealed partial class UpliftModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(JsonSerializer.Serialize(new Header(Schema, Hyperparameters, Campaigns, Members.Count, Value, DesignEncoder.OfferWidth, Designs), Json));
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
        try
        {
            for (var m = 0; m < header.Members; m++)
            {
                var network = new UpliftNetwork(header.Schema.Width, DesignEncoder.ContextWidth, DesignEncoder.OfferWidth, header.Hyperparameters.Width, header.Campaigns.Count);
                members.Add(network);
                ModuleState.Load(network, reader.ReadBytes(reader.ReadInt32()));
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
        IReadOnlyList<CampaignDesign>? Designs = null);
}
