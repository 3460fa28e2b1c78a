using Platform.Domain.Events;

namespace Platform.Domain.Tests;

public sealed class FeedLayoutTests
{
    [Fact]
    public void OnePartitionTakesEveryone() =>
        Assert.All(new[] { "", "a", "user-42", "ü😀" }, id => Assert.Equal(0, FeedLayout.Initial.PartitionOf(id)));

    [Fact]
    public void AUsersPartitionIsTheSameInEveryProcess()
    {
        // FNV-1a values computed outside .NET: a change here would move users between the partitions of running feeds.
        Assert.Equal(2, FeedLayout.PartitionOf("", 7));
        Assert.Equal(5, FeedLayout.PartitionOf("a", 7));
        Assert.Equal(11, FeedLayout.PartitionOf("user-42", 16));
        Assert.Equal(11, new FeedLayout(3, 16, 100).PartitionOf("user-42"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(64)]
    public void UsersSpreadEvenlyOverThePartitions(int partitions)
    {
        const int Users = 64_000;
        var counts = new int[partitions];
        for (var i = 0; i < Users; i++)
        {
            counts[FeedLayout.PartitionOf($"shopper-{i}", partitions)]++;
        }

        var expected = Users / (double)partitions;
        Assert.All(counts, count => Assert.InRange(count, expected * 0.85, expected * 1.15));
    }
}
