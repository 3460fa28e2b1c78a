namespace Platform.Domain.Imports;

/// <summary>A declared missing-value policy for one CSV column.</summary>
public sealed record ColumnPolicy(string Column, MissingPolicy Missing, string? Default = null);
