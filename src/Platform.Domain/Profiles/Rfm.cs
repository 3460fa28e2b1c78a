namespace Platform.Domain.Profiles;

/// <summary>Recency, frequency and monetary value over 90 days, their 1-5 scores and the segment they put a user in.</summary>
public sealed record Rfm(int? RecencyDays, int Frequency90, decimal Monetary90, int R, int F, int M, string Segment);
