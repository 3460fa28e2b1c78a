namespace Platform.Storage.Imports;

/// <summary>A rule one row of an import broke.</summary>
public sealed record RowRejection(long Line, string Field, string Rule, string Message)
{
    /// <summary>Its place among the import's rejections (the order they were found); 0 before it is stored.</summary>
    public long Id { get; init; }
}
