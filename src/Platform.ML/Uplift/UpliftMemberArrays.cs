using System.Numerics;
using System.Runtime.InteropServices;

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
    private readonly float[] campaignLevels; // [campaigns + 1, 2]
    private readonly int userWidth;
    private readonly int representationWidth;
    private readonly int contextWidth;

    internal UpliftMemberArrays(
        Dense trunkIn, Dense trunkOut, Dense baseHidden, Dense baseOut, Dense baseWide, Dense effectHidden, Dense effectOut, Dense effectWide, float[] campaignLevels, int contextWidth)
    {
        (this.trunkIn, this.trunkOut, this.baseHidden, this.baseOut, this.baseWide) = (trunkIn, trunkOut, baseHidden, baseOut, baseWide);
        (this.effectHidden, this.effectOut, this.effectWide, this.campaignLevels) = (effectHidden, effectOut, effectWide, campaignLevels);
        (userWidth, representationWidth) = (trunkIn.Inputs, trunkOut.Outputs);
        this.contextWidth = contextWidth;
    }

    /// <summary>What the member makes of a user alone, shared by every design it is scored under (as <see cref="UpliftNetwork.ForUsers"/>).</summary>
    public UserPart ForUser(ReadOnlySpan<float> user)
    {
        if (user.Length != userWidth)
        {
            throw new ArgumentException($"A user vector has {userWidth} columns; this one has {user.Length}.", nameof(user));
        }

        var hidden = new float[trunkIn.Outputs];
        trunkIn.Apply(user, 0, hidden, relu: true);
        var representation = new float[trunkOut.Outputs];
        trunkOut.Apply(hidden, 0, representation, relu: true);

        var @base = new float[baseHidden.Outputs];
        baseHidden.Accumulate(representation, 0, @base);
        var baseWideUser = new float[baseWide.Outputs];
        baseWide.Accumulate(user, 0, baseWideUser);
        var effect = new float[effectHidden.Outputs];
        effectHidden.Accumulate(user, 0, effect);
        effectHidden.Accumulate(representation, userWidth, effect);
        var effectWideUser = new float[effectWide.Outputs];
        effectWide.Accumulate(user, 0, effectWideUser);
        return new UserPart(@base, baseWideUser, effect, effectWideUser);
    }

    /// <summary>The raw outputs under one design: control conversion logit and log value, then the effect's three (as <see cref="UpliftOutputs"/>).</summary>
    public RawOutputs ForDesign(UserPart user, ReadOnlySpan<float> context, ReadOnlySpan<float> offer, ReadOnlySpan<float> levelWeights)
    {
        if (levelWeights.Length * 2 != campaignLevels.Length)
        {
            throw new ArgumentException($"Level weights are one per campaign and one for the average: {campaignLevels.Length / 2}; these are {levelWeights.Length}.", nameof(levelWeights));
        }

        var (level, levelValue) = (0f, 0f);
        for (var c = 0; c < levelWeights.Length; c++)
        {
            if (levelWeights[c] != 0)
            {
                level += levelWeights[c] * campaignLevels[2 * c];
                levelValue += levelWeights[c] * campaignLevels[(2 * c) + 1];
            }
        }

        Span<float> baseUnits = stackalloc float[baseHidden.Outputs];
        user.Base.CopyTo(baseUnits);
        baseHidden.Accumulate(context, representationWidth, baseUnits);
        baseHidden.AddBias(baseUnits, relu: true);
        Span<float> @base = stackalloc float[2];
        baseOut.Apply(baseUnits, 0, @base, relu: false);
        Span<float> baseLinear = stackalloc float[2];
        user.BaseWide.CopyTo(baseLinear);
        baseWide.Accumulate(context, userWidth, baseLinear);
        baseWide.AddBias(baseLinear, relu: false);

        var offerStart = userWidth + representationWidth + contextWidth;
        Span<float> effectUnits = stackalloc float[effectHidden.Outputs];
        user.Effect.CopyTo(effectUnits);
        effectHidden.Accumulate(context, offerStart - contextWidth, effectUnits);
        effectHidden.Accumulate(offer, offerStart, effectUnits);
        effectHidden.AddBias(effectUnits, relu: true);
        Span<float> effect = stackalloc float[3];
        effectOut.Apply(effectUnits, 0, effect, relu: false);
        Span<float> effectLinear = stackalloc float[3];
        user.EffectWide.CopyTo(effectLinear);
        effectWide.Accumulate(context, userWidth, effectLinear);
        effectWide.Accumulate(offer, userWidth + contextWidth, effectLinear);
        effectWide.AddBias(effectLinear, relu: false);

        return new RawOutputs(
            @base[0] + baseLinear[0] + level, @base[1] + baseLinear[1] + levelValue,
            effect[0] + effectLinear[0], effect[1] + effectLinear[1], effect[2] + effectLinear[2]);
    }

    /// <summary>A user's design-independent sums (no biases), for <see cref="ForDesign"/>.</summary>
    public sealed record UserPart(float[] Base, float[] BaseWide, float[] Effect, float[] EffectWide);

    public readonly record struct RawOutputs(float ControlLogit, float ControlLogValue, float EffectLogit, float EffectLogValue, float ParticipationLogit);

    /// <summary>A linear layer: weights [outputs × inputs] row by row, as torch keeps them, and a bias per output.</summary>
    internal sealed class Dense(float[] weights, float[] bias)
    {
        public int Outputs => bias.Length;

        public int Inputs => weights.Length / bias.Length;

        /// <summary>output = weights[:, start, start + input width) · input + bias, then ReLU if asked.</summary>
        public void Apply(ReadOnlySpan<float> input, int start, Span<float> output, bool relu)
        {
            output.Clear();
            Accumulate(input, start, output);
            AddBias(output, relu);
        }

        /// <summary>output += the columns [start, start + input width) of the weights applied to input (no bias).</summary>
        public void Accumulate(ReadOnlySpan<float> input, int start, Span<float> output)
        {
            for (var o = 0; o < output.Length; o++)
            {
                output[o] += Dot(weights.AsSpan((o * Inputs) + start, input.Length), input);
            }
        }

        public void AddBias(Span<float> output, bool relu)
        {
            for (var o = 0; o < output.Length; o++)
            {
                var value = output[o] + bias[o];
                output[o] = relu && value < 0 ? 0 : value;
            }
        }

        private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            var sum = 0f;
            var i = 0;
            if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
            {
                var acc = Vector<float>.Zero;
                var va = MemoryMarshal.Cast<float, Vector<float>>(a);
                var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
                for (var v = 0; v < va.Length; v++)
                {
                    acc += va[v] * vb[v];
                }

                sum = Vector.Sum(acc);
                i = va.Length * Vector<float>.Count;
            }

            for (; i < a.Length; i++)
            {
                sum += a[i] * b[i];
            }

            return sum;
        }
    }
}
