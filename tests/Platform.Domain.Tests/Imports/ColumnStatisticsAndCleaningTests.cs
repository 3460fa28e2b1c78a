using Platform.Domain.Imports;

namespace Platform.Domain.Tests.Imports;

public sealed class ColumnStatisticsAndCleaningTests
{
    [Fact]
    public void WholeNumbersImputeTheirRoundedMean()
    {
        var statistics = Measure("34", "51", "abc", null);

        Assert.Equal("43", statistics.Imputed); // (34 + 51) / 2 = 42.5; "abc" is rejected by the column's type later
        Assert.False(statistics.IsNumeric);
    }

    [Fact]
    public void FractionalNumbersImputeTheMeanToTheirOwnDecimals()
    {
        Assert.Equal("1.8", Measure("1.5", "2").Imputed); // 1.75, written as the column writes its numbers
        Assert.Equal("3.3", Measure("2.5", "2.5", "5.0000").Imputed); // trailing zeros aside, 5.0000 is whole: one decimal
        Assert.Equal("12.38", Measure("12.25", "12.50").Imputed); // 12.375 in cents
    }

    [Fact]
    public void MostlyTextImputesTheMostFrequentValue()
    {
        var statistics = Measure("north", "south", "north", "7");

        Assert.Equal("north", statistics.Imputed);
        Assert.Equal(2, statistics.Count("north"));
    }

    [Fact]
    public void EachPolicyFillsOrDropsOnlyEmptyCells()
    {
        var options = new ImportOptions(ImportKind.Users, Columns:
        [
            new("region", MissingPolicy.Default, "unknown"),
            new("age", MissingPolicy.Impute),
            new("email", MissingPolicy.Drop),
        ]);
        var cleaner = new RowCleaner(options, new Dictionary<string, ColumnStatistics> { ["age"] = Measure("30", "40") });

        var filled = cleaner.Clean(Record(("id", "u1"), ("region", " "), ("age", null), ("email", "a@b.c"), ("gender", "")));
        var kept = cleaner.Clean(Record(("id", "u2"), ("region", "east"), ("age", "20"), ("email", "x@y.z"), ("gender", "f")));
        var dropped = cleaner.Clean(Record(("id", "u3"), ("region", "east"), ("age", "20"), ("email", ""), ("gender", "f")));

        Assert.Equal(("unknown", "35", null), (filled.Cells!["region"], filled.Cells["age"], filled.Cells["gender"]));
        Assert.Equal(("east", "20"), (kept.Cells!["region"], kept.Cells["age"]));
        Assert.True(dropped.Dropped);
    }

    [Fact]
    public void OnlyImputedColumnsAreMeasuredExceptForExperimentsWhichTypeEveryFeature()
    {
        string[] header = ["id", "age", "region"];
        var users = new ImportOptions(ImportKind.Users, Columns: [new("age", MissingPolicy.Impute), new("missing", MissingPolicy.Impute)]);

        Assert.Equal(["age"], RowCleaner.ColumnsToMeasure(users, header));
        Assert.Equal(header, RowCleaner.ColumnsToMeasure(users with { Kind = ImportKind.Experiment }, header));
    }

    private static ColumnStatistics Measure(params string?[] values)
    {
        var statistics = new ColumnStatistics();
        foreach (var value in values)
        {
            statistics.Add(value);
        }

        return statistics;
    }

    private static CsvRecord Record(params (string Column, string? Value)[] cells) =>
        new(2, cells.ToDictionary(c => c.Column, c => c.Value));
}
