namespace Platform.Domain.Imports;

/// <summary>What an import does with an empty cell of a column.</summary>
public enum MissingPolicy
{
    /// <summary>Leave the field unset (optional fields) or reject the row (required fields). The default.</summary>
    Leave,

    /// <summary>Skip the row; it is counted as dropped, not as an error.</summary>
    Drop,

    /// <summary>Use the column's declared default value.</summary>
    Default,

    /// <summary>Use the mean of the column's numeric values in the file (the most frequent value for text).</summary>
    Impute,
}
