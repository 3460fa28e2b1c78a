using Platform.Domain.Modeling;

namespace Platform.Domain.Tests.Modeling;

public sealed class DataSplitTests
{
    private static readonly string[] Users = Enumerable.Range(0, 20_000).Select(i => $"user-{i}").ToArray();

    [Fact]
    public void UsersFallIntoThePartsAtTheirShares()
    {
        var parts = Users.GroupBy(new DataSplit(7).Of).ToDictionary(g => g.Key, g => g.Count() / (double)Users.Length);

        Assert.Equal(0.3, parts[SplitPart.Test], 0.015);
        Assert.Equal(0.7 * 0.1, parts[SplitPart.Validation], 0.01);
        Assert.Equal(0.7 * 0.9, parts[SplitPart.Train], 0.015);
    }

    [Fact]
    public void AUserAlwaysLandsInTheSamePartForASeedAndElsewhereForAnother()
    {
        var split = new DataSplit(7);

        Assert.All(Users.Take(500), user => Assert.Equal(split.Of(user), new DataSplit(7).Of(user)));
        Assert.Contains(Users, user => new DataSplit(8).Of(user) != split.Of(user));
    }

    [Fact]
    public void TheSplitDoesNotDependOnTheProcess()
    {
        // FNV-1a, not string.GetHashCode (randomized per process): these parts are the same on every machine.
        Assert.Equal(
            [SplitPart.Validation, SplitPart.Train, SplitPart.Train, SplitPart.Train, SplitPart.Test],
            new[] { "a", "b", "c", "d", "e" }.Select(new DataSplit(1).Of));
    }
}
