using System.Globalization;
using Platform.Domain.Campaigns;
using Platform.Domain.Imports;

namespace Platform.Domain.Tests.Imports;

public sealed class ArmBalanceTests
{
    private static readonly ExperimentMapping Mapping = new(
        "email", null, "segment", ["none"],
        [new ArmDesign("mens", "mens", CampaignType.MessageOnly), new ArmDesign("womens", "womens", CampaignType.MessageOnly)],
        ConversionColumn: "conversion");

    [Fact]
    public void ColumnsMeasuredBeforeAssignmentAreBalanced()
    {
        var balance = Fill(4_000, (random, _) => new()
        {
            ["recency"] = random.Next(1, 13).ToString(CultureInfo.InvariantCulture),
            ["history"] = (30 + (random.NextDouble() * 3000)).ToString("R", CultureInfo.InvariantCulture),
            ["zip"] = random.Pick("Urban", "Rural", "Suburban"),
            ["note"] = random.Next(5) == 0 ? null : "x",
        });

        Assert.Empty(balance.Imbalanced());
    }

    [Fact]
    public void AnOutcomeTheArmsChangedIsFoundWithTheArmItDiffersMostFor()
    {
        var balance = Fill(9_000, (random, side) => new()
        {
            ["visit"] = random.NextDouble() < side switch { "mens" => 0.18, "womens" => 0.15, _ => 0.10 } ? "1" : "0",
            ["exposure_seconds"] = side == "none" ? null : random.Next(1, 60).ToString(CultureInfo.InvariantCulture),
            ["channel"] = side == "none" ? random.Pick("web", "phone") : random.Pick("web", "phone", "email"),
            ["conversion"] = side == "none" ? "0" : "1", // mapped: an outcome, never checked
        });

        var found = balance.Imbalanced();

        Assert.Equal(["exposure_seconds", "channel", "visit"], found.Select(f => f.Column));
        Assert.Null(found[0].StandardizedDifference); // filled on one side only: nothing to scale the difference by
        Assert.InRange(found[1].StandardizedDifference!.Value, 0.9, 1.1); // "email": a third of the arms' values (standard deviation 0.47 and 0), none of control's
        Assert.Equal("mens", found[2].Arm);
        Assert.InRange(found[2].StandardizedDifference!.Value, 0.18, 0.28);
    }

    [Fact]
    public void ANumericColumnWithTheOddTextCellIsStillComparedByItsMean()
    {
        var balance = Fill(3_000, (random, side) => new()
        {
            ["minutes_after"] = random.Next(500) == 0 ? "NA" : ((side == "none" ? 10 : 13) + (5 * random.NextGaussian())).ToString("R", CultureInfo.InvariantCulture),
        });

        Assert.Equal("minutes_after", Assert.Single(balance.Imbalanced()).Column);
    }

    [Fact]
    public void AFewRowsAreNotFlaggedEvenWhenEachSideIsConstantAndTheyDiffer()
    {
        // Two rows a side, "a" in both arms and "b" in control: perfectly apart, yet z is √6 at most.
        var balance = Fill(6, (_, side) => new() { ["region"] = side == "none" ? "b" : "a" });

        Assert.Empty(balance.Imbalanced());
    }

    [Fact]
    public void ADifferenceChanceExplainsIsNotFlaggedHoweverLargeItLooks()
    {
        // 60 rows a side: a standardized difference of 0.3 is about 1.6 standard errors.
        var balance = Fill(180, (random, side) => new() { ["spend"] = ((side == "mens" ? 0.3 : 0) + random.NextGaussian()).ToString("R", CultureInfo.InvariantCulture) });

        Assert.Empty(balance.Imbalanced());
    }

    private static ArmBalance Fill(int rows, Func<Random, string, Dictionary<string, string?>> cells)
    {
        var random = new Random(3);
        var balance = new ArmBalance(Mapping);
        for (var i = 0; i < rows; i++)
        {
            var side = (i % 3) switch { 0 => "mens", 1 => "womens", _ => "none" };
            var row = cells(random, side);
            row["segment"] = side;
            balance.Add(row.Keys.ToList(), column => row[column]);
        }

        return balance;
    }
}

internal static class RandomDraws
{
    public static string Pick(this Random random, params string[] values) => values[random.Next(values.Length)];

    public static double NextGaussian(this Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
