using Platform.ML.Training;
using static TorchSharp.torch;

namespace Platform.ML.Uplift;

/// <summary>The network's raw outputs for a batch: the control side [rows, 2] and the offer's effect [rows, 3].</summary>
public sealed record UpliftOutputs(Tensor Base, Tensor Effect)
{
    public Tensor ControlLogit => Base[.., 0];

    public Tensor ControlLogValue => Base[.., 1];

    public Tensor TreatedLogit => Scalars.Sum(Base[.., 0], Effect[.., 0]);

    public Tensor TreatedLogValue => Scalars.Sum(Base[.., 1], Effect[.., 1]);

    public Tensor ParticipationLogit => Effect[.., 2];
}
