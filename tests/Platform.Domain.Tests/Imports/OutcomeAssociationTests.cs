using System.Globalization;
using Platform.Domain.Campaigns;
using Platform.Domain.Imports;
using Platform.Domain.Users;

namespace Platform.Domain.Tests.Imports;

public sealed class OutcomeAssociationTests
{
    private static readonly ExperimentMapping Mapping = new("spring", "id", "group", ["0"], [new ArmDesign("1", "offer", CampaignType.MessageOnly)], ConversionColumn: "bought");

    [Fact]
    public void ColumnsThatGoWithTheOutcomeScoreHighAndNoiseNearZero()
    {
        var association = new OutcomeAssociation(Mapping);
        var random = new Random(7);
        string[] header = ["id", "group", "bought", "visits", "noise", "region", "code", "email"];
        for (var i = 0; i < 2_000; i++)
        {
            var visits = random.Next(0, 10);
            var region = random.Next(0, 3);
            var code = random.Next(1, 5); // buys most with 2 and 4: not monotone, a ratio sees it and a correlation does not
            var bought = random.NextDouble() < 0.05 + (0.06 * visits) + (code % 2 == 0 ? 0.2 : 0) ? "yes" : "no";
            var cells = new Dictionary<string, string?>
            {
                ["id"] = $"c{i}", ["group"] = $"{i % 2}", ["bought"] = bought, ["visits"] = visits.ToString(CultureInfo.InvariantCulture),
                ["noise"] = random.NextDouble().ToString(CultureInfo.InvariantCulture), ["region"] = $"r{region}", ["code"] = code.ToString(CultureInfo.InvariantCulture),
                ["email"] = $"c{i}@example.com",
            };
            association.Add(header, column => cells[column]);
        }

        Assert.InRange(association.Of("visits"), 0.25, 1);
        Assert.InRange(association.Of("code"), 0.15, 1);
        Assert.InRange(association.Of("noise"), 0, 0.05);
        Assert.InRange(association.Of("region"), 0, 0.05);
        Assert.Equal(0, association.Of("email")); // one value a row: too many for a ratio, no number for a correlation
        Assert.Equal(0, association.Of("bought")); // the outcome itself is mapped, not a feature
    }

    [Fact]
    public void RowsTheImportRejectsForTheirArmDoNotCount()
    {
        var measures = new ExperimentMeasures(Mapping);
        string[] header = ["id", "group", "bought", "visits"];
        for (var i = 0; i < 200; i++)
        {
            var cells = new Dictionary<string, string?> { ["id"] = $"c{i}", ["group"] = $"{i % 2}", ["bought"] = "no", ["visits"] = $"{i % 5}" };
            measures.Add(header, column => cells[column]);
        }

        // Rows of an arm the mapping does not know, where visits would predict buying perfectly: left out, so nothing varies.
        for (var i = 0; i < 200; i++)
        {
            var cells = new Dictionary<string, string?> { ["id"] = $"x{i}", ["group"] = "9", ["bought"] = i % 2 == 0 ? "yes" : "no", ["visits"] = $"{i % 2}" };
            measures.Add(header, column => cells[column]);
        }

        Assert.Equal(0, measures.Association.Of("visits"));
        var named = new ExperimentMeasures(Mapping with { FeatureColumns = ["visits"] });
        var row = new Dictionary<string, string?> { ["id"] = "c", ["group"] = "1", ["bought"] = "yes", ["visits"] = "3" };
        named.Add(header, column => row[column]);
        Assert.Equal(0, named.Association.Of("visits")); // named features are never screened: nothing measured
    }

    [Fact]
    public void WhenTheNewFeaturesDoNotFitTheMostAssociatedAreKeptBesideTheDeclaredOnes()
    {
        var features = new[] { "a", "b", "c", "d", "e" }.Select(n => new AttributeDefinition(n, AttributeKind.Numeric)).ToList();
        var strength = new Dictionary<string, double> { ["a"] = 0.1, ["b"] = 0.5, ["c"] = 0.0, ["d"] = 0.3, ["e"] = 0.3 };

        var (kept, leftOut) = OutcomeAssociation.Screen(features, new HashSet<string> { "a", "x" }, maxAttributes: 4, f => strength[f.Name]);

        Assert.Equal(["a", "b", "d"], kept.Select(f => f.Name)); // a declared already; two free places for b, then d before e (the file's order)
        Assert.Equal([("e", 0.3), ("c", 0.0)], leftOut.Select(f => (f.Feature.Name, f.Association)));
        Assert.Empty(OutcomeAssociation.Screen(features, new HashSet<string>(), maxAttributes: 5, f => strength[f.Name]).LeftOut);
        Assert.Empty(OutcomeAssociation.Screen([.. features, features[1]], new HashSet<string>(), maxAttributes: 5, f => strength[f.Name]).LeftOut); // one name, one feature

        var full = OutcomeAssociation.Screen(features, new HashSet<string> { "a", "x", "y", "z" }, maxAttributes: 4, f => strength[f.Name]);
        Assert.Equal(["a"], full.Kept.Select(f => f.Name)); // no room: only what is declared already
        Assert.Equal(["b", "d", "e", "c"], full.LeftOut.Select(f => f.Feature.Name));
    }
}
