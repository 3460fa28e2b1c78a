using Platform.ML.Training;

namespace Platform.ML.Uplift;

/// <summary>
/// One ensemble member as plain arrays, computing what <see cref="UpliftNetwork"/> computes, for the few rows a storefront
/// request scores (one shopper under each running campaign, the reasons of the top few). At that size a tensor library's
/// fixed cost per operation — about a hundred operations per member — was most of a recommendation's time; arrays cost
/// only the arithmetic. Equal to the network up to float rounding (tests compare them).
/// </summary>
public sealed class UpliftMemberArrays
{
    private readonly Dense trunkIn;
    private readonly Dense trunkOut;
    private readonly Dense baseHidden;
    private readonly Dense baseOut;
    private readonly Dense baseWide;
    private readonly Dense effectHidden;
    private readonly Dense effectOut;
    private readonly Dense effectWide;
    private readonly Dense? effectCross; // [channel columns × 3] by user column, as UpliftNetwork.Cross
    private readonly float[] campaignLevels; // [campaigns + 1, levelWidth], as UpliftNetwork.LevelWidth
    private readonly int levelWidth;
    private readonly int userWidth;
    private readonly int representationWidth;
    private readonly int contextWidth;

    internal UpliftMemberArrays(
        Dense trunkIn, Dense trunkOut, Dense baseHidden, Dense baseOut, Dense baseWide, Dense effectHidden, Dense effectOut, Dense effectWide, Dense? effectCross,
        float[] campaignLevels, int levelWidth, int contextWidth)
    {
        (this.trunkIn, this.trunkOut, this.baseHidden, this.baseOut, this.baseWide) = (trunkIn, trunkOut, baseHidden, baseOut, baseWide);
        (this.effectHidden, this.effectOut, this.effectWide, this.effectCross, this.campaignLevels) = (effectHidden, effectOut, effectWide, effectCross, campaignLevels);
        (userWidth, representationWidth) = (trunkIn.Inputs, trunkOut.Outputs);
        this.contextWidth = contextWidth;
        this.levelWidth = levelWidth;
    }

    /// <summary>What the member makes of a user alone, shared by every design it is scored under (as <see cref="UpliftNetwork.ForUsers"/>).</summary>
    public UserPart ForUser(ReadOnlySpan<float> user)
    {
        var part = new UserPart(
            new float[baseHidden.Outputs], new float[baseWide.Outputs], new float[effectHidden.Outputs], new float[effectWide.Outputs], new float[effectCross?.Outputs ?? 0]);
        ForUser(user, part);
        return part;
    }

    /// <summary><see cref="ForUser(ReadOnlySpan{float})"/> into a part of this member's, written over (a request's variants of a shopper reuse one).</summary>
    public void ForUser(ReadOnlySpan<float> user, UserPart into)
    {
        if (user.Length != userWidth)
        {
            throw new ArgumentException($"A user vector has {userWidth} columns; this one has {user.Length}.", nameof(user));
        }

        // Only the sums below outlive this call; the trunk's layers stay on the stack (a recommendation runs this for every
        // variant of the shopper its reasons try, under each member).
        Span<float> hidden = stackalloc float[trunkIn.Outputs];
        trunkIn.Apply(user, 0, hidden, relu: true);
        Span<float> representation = stackalloc float[trunkOut.Outputs];
        trunkOut.Apply(hidden, 0, representation, relu: true);

        Array.Clear(into.Base);
        Array.Clear(into.BaseWide);
        Array.Clear(into.Effect);
        Array.Clear(into.EffectWide);
        Array.Clear(into.EffectCross);

        baseHidden.Accumulate(representation, 0, into.Base);
        baseWide.Accumulate(user, 0, into.BaseWide);
        effectHidden.Accumulate(user, 0, into.Effect);
        effectHidden.Accumulate(representation, userWidth, into.Effect);
        effectWide.Accumulate(user, 0, into.EffectWide);
        effectCross?.Accumulate(user, 0, into.EffectCross);
    }

    /// <summary>
    /// What the member makes of a design alone, shared by every user scored under it: the hidden units' sums over the
    /// context and the offer with their biases, the linear paths' likewise, the campaign level added. The offer's last
    /// column, the user's category match, is left out here and added by <see cref="Outputs"/>.
    /// </summary>
    public DesignPart ForDesign(ReadOnlySpan<float> context, ReadOnlySpan<float> offer, ReadOnlySpan<float> levelWeights)
    {
        var offerWidth = effectHidden.Inputs - (userWidth + representationWidth + contextWidth);
        if (context.Length != contextWidth || offer.Length != offerWidth)
        {
            throw new ArgumentException($"A design is {contextWidth} context and {offerWidth} offer columns; this one has {context.Length} and {offer.Length}.", nameof(offer));
        }

        if (levelWeights.Length * levelWidth != campaignLevels.Length)
        {
            throw new ArgumentException($"Level weights are one per campaign and one for the average: {campaignLevels.Length / levelWidth}; these are {levelWeights.Length}.", nameof(levelWeights));
        }

        var level = new float[3]; // the mixed level; its third column (the effect offset) stays 0 without one
        for (var c = 0; c < levelWeights.Length; c++)
        {
            if (levelWeights[c] != 0)
            {
                for (var k = 0; k < levelWidth; k++)
                {
                    level[k] += levelWeights[c] * campaignLevels[(levelWidth * c) + k];
                }
            }
        }

        var baseLinear = new[] { level[0], level[1] };

        var baseUnits = new float[baseHidden.Outputs];
        baseHidden.Accumulate(context, representationWidth, baseUnits);
        baseHidden.AddBias(baseUnits, relu: false);
        baseWide.Accumulate(context, userWidth, baseLinear);
        baseWide.AddBias(baseLinear, relu: false);

        var design = offer[..^1];
        var effectUnits = new float[effectHidden.Outputs];
        effectHidden.Accumulate(context, userWidth + representationWidth, effectUnits);
        effectHidden.Accumulate(design, userWidth + representationWidth + contextWidth, effectUnits);
        effectHidden.AddBias(effectUnits, relu: false);
        var effectLinear = new[] { level[2], 0f, 0f };
        effectWide.Accumulate(context, userWidth, effectLinear);
        effectWide.Accumulate(design, userWidth + contextWidth, effectLinear);
        effectWide.AddBias(effectLinear, relu: false);
        return new DesignPart(baseUnits, baseLinear, effectUnits, effectLinear, offer.Slice(Domain.Modeling.DesignEncoder.ChannelStart, Domain.Modeling.DesignEncoder.ChannelWidth).ToArray());
    }

    /// <summary>The raw outputs of a user under a design, given the user's category match for it (as <see cref="UpliftOutputs"/>).</summary>
    public RawOutputs Outputs(UserPart user, DesignPart design, float categoryMatch)
    {
        Span<float> baseUnits = stackalloc float[baseHidden.Outputs];
        Sum(user.Base, design.BaseUnits, baseUnits);
        Relu(baseUnits);
        Span<float> @base = stackalloc float[2];
        baseOut.Apply(baseUnits, 0, @base, relu: false);

        Span<float> match = [categoryMatch];
        Span<float> effectUnits = stackalloc float[effectHidden.Outputs];
        Sum(user.Effect, design.EffectUnits, effectUnits);
        effectHidden.Accumulate(match, effectHidden.Inputs - 1, effectUnits); // the match is both effect layers' last input
        Relu(effectUnits);
        Span<float> effect = stackalloc float[3];
        effectOut.Apply(effectUnits, 0, effect, relu: false);
        Span<float> effectLinear = stackalloc float[3];
        Sum(user.EffectWide, design.EffectLinear, effectLinear);
        effectWide.Accumulate(match, effectWide.Inputs - 1, effectLinear);
        for (var k = 0; k < user.EffectCross.Length / 3; k++)
        {
            if (design.Channels[k] != 0)
            {
                for (var o = 0; o < 3; o++)
                {
                    effectLinear[o] += design.Channels[k] * user.EffectCross[(3 * k) + o];
                }
            }
        }

        return new RawOutputs(
            @base[0] + user.BaseWide[0] + design.BaseLinear[0], @base[1] + user.BaseWide[1] + design.BaseLinear[1],
            effect[0] + effectLinear[0], effect[1] + effectLinear[1], effect[2] + effectLinear[2]);
    }

    private static void Sum(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = a[i] + b[i];
        }
    }

    private static void Relu(Span<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Max(values[i], 0);
        }
    }

    /// <summary>A design's user-independent sums with biases and level, and its channel columns (for the cross path), for <see cref="Outputs"/>; shared between requests, never written after <see cref="ForDesign"/>.</summary>
    public sealed record DesignPart(float[] BaseUnits, float[] BaseLinear, float[] EffectUnits, float[] EffectLinear, float[] Channels);

    /// <summary>A user's design-independent sums (no biases), for <see cref="Outputs"/>; the cross path's empty without one.</summary>
    public sealed record UserPart(float[] Base, float[] BaseWide, float[] Effect, float[] EffectWide, float[] EffectCross);

    public readonly record struct RawOutputs(float ControlLogit, float ControlLogValue, float EffectLogit, float EffectLogValue, float ParticipationLogit);
}
