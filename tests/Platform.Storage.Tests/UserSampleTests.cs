using Platform.Domain.Events;
using Platform.Storage.Catalog;
using Platform.Storage.Events;
using Platform.Storage.Training;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class UserSampleTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(900, 1_000, 1.0)]
    [InlineData(1_000, 1_000, 1.0)]
    [InlineData(4_000, 1_000, 0.25)]
    public void TheShareReadsAboutTheRowsAllowed(long rows, long maxRows, double share) =>
        Assert.Equal(share, UserSample.ShareFor(rows, maxRows));

    [Fact]
    public async Task ASampleReadsWholeUsersTheSameOnEveryRun()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var events = Enumerable.Range(0, 400).SelectMany(u => Enumerable.Range(0, 3).Select(i =>
            new BehaviorEvent($"e{u}-{i}", $"user-{u}", EventType.View, At.AddMinutes(i), $"item-{(u + i) % 50}", null, null, null, null, null, null, null, null, null)));
        await new EventLog(database.DataSource).AppendAsync(tenant, events.ToList());
        var reader = new ItemInteractionReader(database.DataSource, new CatalogStore(database.DataSource));

        var everything = (await reader.ReadAsync(tenant)).Sequences;
        var quarter = (await reader.ReadAsync(tenant, UserSample.ShareFor(await reader.CountAsync(tenant), 300))).Sequences;
        var again = (await reader.ReadAsync(tenant, 0.25)).Sequences;
        var half = (await reader.ReadAsync(tenant, 0.5)).Sequences;

        Assert.Equal(1_200, await reader.CountAsync(tenant));
        Assert.Equal(400, everything.Users.Count);
        Assert.InRange(quarter.Users.Count, 60, 140);
        Assert.All(quarter.Users, u => Assert.Equal(3, u.Items.Length)); // a sampled user's interactions are all read
        Assert.Equal(quarter.Users.Select(u => u.UserId), again.Users.Select(u => u.UserId));
        Assert.Subset(half.Users.Select(u => u.UserId).ToHashSet(), quarter.Users.Select(u => u.UserId).ToHashSet()); // a larger share keeps the smaller one's users
    }
}
