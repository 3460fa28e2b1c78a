namespace Platform.ML;

/// <summary>What <see cref="SystemCheckProbe"/> measured: the runtime it found and a short training run on it.</summary>
public sealed record TorchProbeResult(
    string TorchVersion,
    string Device,
    int Threads,
    double LossBefore,
    double LossAfter,
    TimeSpan Duration);
