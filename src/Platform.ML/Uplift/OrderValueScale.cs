namespace Platform.ML.Uplift;

/// <summary>
/// How the networks' order values map to money: log value = <see cref="Mean"/> + <see cref="Scale"/> × output, and
/// <see cref="Variance"/> is the spread of actual log values around that prediction on training conversions.
/// </summary>
public sealed record OrderValueScale(double Mean, double Scale, double Variance);
