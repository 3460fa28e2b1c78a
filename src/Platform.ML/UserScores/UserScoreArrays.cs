using Platform.ML.Training;

namespace Platform.ML.UserScores;

/// <summary>
/// <see cref="UserScoreNetwork"/> as plain arrays, for the one user a live read scores (docs/models.md#scores-on-users):
/// at that size a tensor library's fixed cost per operation would be most of the work. Equal to the network up to float
/// rounding (tests compare them).
/// </summary>
public sealed class UserScoreArrays
{
    private readonly Dense trunkIn;
    private readonly Dense trunkOut;
    private readonly Dense head;
    private readonly Dense wide;

    internal UserScoreArrays(Dense trunkIn, Dense trunkOut, Dense head, Dense wide) =>
        (this.trunkIn, this.trunkOut, this.head, this.wide) = (trunkIn, trunkOut, head, wide);

    /// <summary>The network's outputs for one encoded user, and its representation written into <paramref name="representation"/>.</summary>
    public (float PurchaseLogit, float ChurnLogit, float LogSpend) Raw(ReadOnlySpan<float> user, Span<float> representation)
    {
        if (user.Length != trunkIn.Inputs)
        {
            throw new ArgumentException($"A user vector has {trunkIn.Inputs} columns; this one has {user.Length}.", nameof(user));
        }

        Span<float> hidden = stackalloc float[trunkIn.Outputs];
        trunkIn.Apply(user, 0, hidden, relu: true);
        trunkOut.Apply(hidden, 0, representation, relu: true);
        Span<float> outputs = stackalloc float[head.Outputs];
        head.Apply(representation, 0, outputs, relu: false);
        wide.Accumulate(user, 0, outputs);
        wide.AddBias(outputs, relu: false);
        return (outputs[0], outputs[1], outputs[2]);
    }
}
