using Platform.Domain.Errors;
using Platform.Domain.Events;

namespace Platform.Domain.Imports;

/// <summary>What cleaning made of a row: usable cells, a dropped row, or the rules it broke.</summary>
public sealed record RowOutcome(IReadOnlyDictionary<string, string?>? Cells, bool Dropped, IReadOnlyList<Violation> Violations)
{
    public static RowOutcome Drop { get; } = new(null, true, []);
}
