namespace Platform.ML.Uplift;

/// <summary>
/// How the networks' order values map to money: log value = <see cref="Mean"/> + <see cref="Scale"/> × output, and
/// <see cref="Variance"/> is the spread of actual log values around that prediction on training conversions.
/// <see cref="OrdersPerConverter"/>: the orders a converting training user placed in the window, on average (the networks
/// predict whether a user buys, not how often); 1 for a version written before it was kept.
/// </summary>
public sealed record OrderValueScale(double Mean, double Scale, double Variance, double OrdersPerConverter = 1);
