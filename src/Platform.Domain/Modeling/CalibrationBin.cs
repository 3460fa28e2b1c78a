namespace Platform.Domain.Modeling;

/// <summary>One bin of a reliability diagram: its rows, their mean predicted probability and their observed rate.</summary>
public sealed record CalibrationBin(int Rows, double MeanPredicted, double ObservedRate);
