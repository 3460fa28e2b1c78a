namespace Platform.Storage.Imports;

/// <summary>A rule one row of an import broke.</summary>
public sealed record RowRejection(long Line, string Field, string Rule, string Message);
