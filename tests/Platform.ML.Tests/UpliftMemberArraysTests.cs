using Platform.Domain.Modeling;
using Platform.ML.Uplift;
using static TorchSharp.torch;

namespace Platform.ML.Tests;

/// <summary>The network as arrays against the network itself, every weight non-zero (a trained model's deep heads may still be silent).</summary>
public sealed class UpliftMemberArraysTests
{
    private const int UserWidth = 12;
    private const int Campaigns = 3;
    private const float Tolerance = 1e-4f; // float sums in another order

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)] // a model saved before the campaigns' effect offsets
    [InlineData(false, false)] // a model saved before the cross path
    public void ArraysComputeWhatTheNetworkComputesWithEveryLayerAtWork(bool cross, bool campaignEffects)
    {
        using var scope = NewDisposeScope();
        using var network = RandomNetwork(cross, campaignEffects);
        var random = new Random(5);
        const int Rows = 40;
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var (users, contexts, offers) = (Values(Rows * UserWidth), Values(Rows * DesignEncoder.ContextWidth), Values(Rows * DesignEncoder.OfferWidth));
        var levelWeights = Enumerable.Range(0, Rows).SelectMany(r => LevelWeights(r, random)).ToArray();

        using var noGrad = no_grad();
        var outputs = network.Forward(
            tensor(users, [Rows, UserWidth]), tensor(contexts, [Rows, DesignEncoder.ContextWidth]), tensor(offers, [Rows, DesignEncoder.OfferWidth]),
            network.MixLevels(tensor(levelWeights, [Rows, Campaigns + 1])));
        var (@base, effect) = (outputs.Base.data<float>().ToArray(), outputs.Effect.data<float>().ToArray());
        var arrays = network.ToArrays();

        for (var r = 0; r < Rows; r++)
        {
            var part = arrays.ForUser(users.AsSpan(r * UserWidth, UserWidth));
            var offer = offers.AsSpan(r * DesignEncoder.OfferWidth, DesignEncoder.OfferWidth);
            var design = arrays.ForDesign(contexts.AsSpan(r * DesignEncoder.ContextWidth, DesignEncoder.ContextWidth), offer, levelWeights.AsSpan(r * (Campaigns + 1), Campaigns + 1));
            var row = arrays.Outputs(part, design, offer[^1]); // the offer's last column: the user's category match
            Assert.Equal(@base[2 * r], row.ControlLogit, Tolerance);
            Assert.Equal(@base[(2 * r) + 1], row.ControlLogValue, Tolerance);
            Assert.Equal(effect[3 * r], row.EffectLogit, Tolerance);
            Assert.Equal(effect[(3 * r) + 1], row.EffectLogValue, Tolerance);
            Assert.Equal(effect[(3 * r) + 2], row.ParticipationLogit, Tolerance);
        }

        Assert.True(@base.Concat(effect).Select(Math.Abs).Max() > 0.5); // the heads are at work, not near zero
    }

    [Fact]
    public void OneCampaignsWeightIsThatCampaignsLevel()
    {
        using var scope = NewDisposeScope();
        using var network = RandomNetwork();
        using var noGrad = no_grad();
        var campaigns = tensor(new long[] { 0, 1, 2, 3 });

        var mixed = network.MixLevels(nn.functional.one_hot(campaigns, Campaigns + 1).to_type(ScalarType.Float32));

        Assert.Equal(network.Level(campaigns).data<float>().ToArray(), mixed.data<float>().ToArray());
    }

    [Fact]
    public void AUserVectorOfAnotherWidthIsRefused()
    {
        using var network = RandomNetwork();

        Assert.Throws<ArgumentException>(() => network.ToArrays().ForUser(new float[UserWidth + 1]));
    }

    [Fact]
    public void ADesignOfAnotherWidthIsRefused()
    {
        using var network = RandomNetwork();
        var arrays = network.ToArrays();
        var levels = new float[Campaigns + 1];

        Assert.Throws<ArgumentException>(() => arrays.ForDesign(new float[DesignEncoder.ContextWidth], new float[DesignEncoder.OfferWidth + 1], levels));
        Assert.Throws<ArgumentException>(() => arrays.ForDesign(new float[DesignEncoder.ContextWidth + 1], new float[DesignEncoder.OfferWidth], levels));
        Assert.NotNull(arrays.ForDesign(new float[DesignEncoder.ContextWidth], new float[DesignEncoder.OfferWidth], levels));
    }

    // Every fourth row one campaign's level alone (the last index: a design that never ran), the others a random mix.
    private static float[] LevelWeights(int row, Random random)
    {
        var weights = new float[Campaigns + 1];
        if (row % 4 == 0)
        {
            weights[(row / 4) % (Campaigns + 1)] = 1;
            return weights;
        }

        for (var c = 0; c <= Campaigns; c++)
        {
            weights[c] = (float)random.NextDouble();
        }

        var total = weights.Sum();
        return weights.Select(w => w / total).ToArray();
    }

    private static UpliftNetwork RandomNetwork(bool cross = true, bool campaignEffects = true)
    {
        manual_seed(3);
        var network = new UpliftNetwork(UserWidth, DesignEncoder.ContextWidth, DesignEncoder.OfferWidth, width: 16, Campaigns, cross, campaignEffects);
        using (no_grad())
        {
            foreach (var parameter in network.parameters())
            {
                parameter.uniform_(-0.6, 0.6);
            }
        }

        network.eval();
        return network;
    }
}
