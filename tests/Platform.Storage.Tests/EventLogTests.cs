using Npgsql;
using Platform.Domain.Events;
using Platform.Storage.Events;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class EventLogTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private readonly EventLog log = new(database.DataSource);

    [Fact]
    public async Task EventsGetIncreasingSequenceNumbersAndReadBackWhole()
    {
        var tenant = NewTenant();
        var purchase = Event("p1", "u1", EventType.Purchase) with
        {
            Amount = 19.99m, Currency = "EUR", CampaignId = "c1", Properties = new Dictionary<string, string> { ["order"] = "A-1" },
        };

        var first = await log.AppendAsync(tenant, [Event("v1", "u1", EventType.View), purchase]);
        var second = await log.AppendAsync(tenant, [Event("v2", "u2", EventType.View)]);

        Assert.Equal([1L, 2L], first.StoredAt.OrderBy(p => p.Key).Select(p => p.Value));
        Assert.Equal(3L, second.StoredAt[0]);
        var read = await log.ReadUserAsync(tenant, "u1", afterSeq: 0);
        Assert.Equal([1L, 2L], read.Select(e => e.Seq));
        Assert.Equal(purchase, read[1].Event with { Properties = purchase.Properties });
        Assert.Equal("A-1", read[1].Event.Properties!["order"]);
        Assert.Equal(3L, await log.HeadAsync(tenant));
    }

    [Fact]
    public async Task HalfStarRatingsReadBackAsSentAndWholeOnesWithoutTrailingZeros()
    {
        var tenant = NewTenant();
        var half = Event("r1", "u1", EventType.Review) with { ItemId = "sku", Rating = 3.5m };
        var whole = Event("r2", "u1", EventType.Review) with { ItemId = "sku", Rating = 4m };

        await log.AppendAsync(tenant, [half, whole]);

        var read = await log.ReadUserAsync(tenant, "u1", afterSeq: 0);
        Assert.Equal([half, whole], read.Select(e => e.Event));
        Assert.Equal("4", read[1].Event.Rating!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); // numeric(2, 1) gives 4.0; a profile folds 4
    }

    [Fact]
    public async Task ARetriedBatchIsStoredOnce()
    {
        var tenant = NewTenant();
        IReadOnlyList<BehaviorEvent> batch = [Event("a", "u1", EventType.View), Event("b", "u1", EventType.View)];

        var first = await log.AppendAsync(tenant, batch);
        var again = await log.AppendAsync(tenant, batch);

        Assert.Equal(2, first.StoredAt.Count);
        Assert.Empty(again.StoredAt);
        Assert.Equal((3L, 4L), (again.FirstSeq, again.LastSeq)); // numbers are taken even when nothing new is stored
        Assert.Equal(2, (await ReadAllAsync(tenant, 0)).Count);
    }

    [Fact]
    public async Task ADuplicateInsideABatchKeepsTheFirstCopy()
    {
        var tenant = NewTenant();

        var result = await log.AppendAsync(tenant, [Event("x", "u1", EventType.View), Event("x", "u2", EventType.Search) with { Query = "shoes" }]);

        Assert.True(result.WasStored(0));
        Assert.False(result.WasStored(1));
        Assert.Equal("u1", Assert.Single(await ReadAllAsync(tenant, 0)).Event.UserId);
    }

    [Fact]
    public async Task EachStoredEventIsAnsweredWithItsOwnOffset()
    {
        var tenant = NewTenant();
        await log.AppendAsync(tenant, [Event("old", "u1", EventType.View)]);

        var result = await log.AppendAsync(tenant, [Event("z", "u1", EventType.View), Event("old", "u1", EventType.View), Event("a", "u2", EventType.View), Event("z", "u3", EventType.View), Event("m", "u3", EventType.View)]);

        Assert.Equal(new Dictionary<int, long> { [0] = 2, [2] = 4, [4] = 6 }, result.StoredAt);
        Assert.Equal(["z", "a", "m"], (await ReadAllAsync(tenant, 1)).Select(e => e.Event.EventId));
    }

    [Fact]
    public async Task TheSameBatchSentConcurrentlyThroughTwoConnectionsIsStoredOnce()
    {
        var tenant = NewTenant();
        var batch = Enumerable.Range(0, 500).Select(i => Event($"e{i}", $"u{i % 7}", EventType.View)).ToList();
        await using var otherNode = NpgsqlDataSource.Create(database.ConnectionString);
        var other = new EventLog(otherNode);

        var results = await Task.WhenAll(
            log.AppendAsync(tenant, batch), other.AppendAsync(tenant, batch), log.AppendAsync(tenant, batch), other.AppendAsync(tenant, batch));

        Assert.Equal(500, results.Sum(r => r.StoredAt.Count));
        var stored = await ReadAllAsync(tenant, 0);
        Assert.Equal(500, stored.Count);
        Assert.Equal(500, stored.Select(e => e.Event.EventId).Distinct().Count());
    }

    [Fact]
    public async Task TenantsHaveSeparateSequencesAndIds()
    {
        var (a, b) = (NewTenant(), NewTenant());

        await log.AppendAsync(a, [Event("same", "u1", EventType.View)]);
        var inB = await log.AppendAsync(b, [Event("same", "u1", EventType.View)]);

        Assert.Equal(1L, inB.StoredAt[0]);
        Assert.Single(await log.ReadUserAsync(b, "u1", 0));
    }

    [Fact]
    public async Task ReplayStartsAfterTheGivenOffset()
    {
        var tenant = NewTenant();
        await log.AppendAsync(tenant, Enumerable.Range(0, 5).Select(i => Event($"r{i}", "u1", EventType.View)).ToList());

        var tail = await log.ReadUserAsync(tenant, "u1", afterSeq: 3);

        Assert.Equal([4L, 5L], tail.Select(e => e.Seq));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(7)] // not a power of two: every bit of the unsigned hash counts
    public async Task APartitionReadsItsOwnUsersEventsWithinTheRangeAndEveryEventWithoutAHash(int partitions)
    {
        var tenant = NewTenant();
        var layout = new FeedLayout(1, partitions, 0);
        Assert.Contains(Enumerable.Range(0, 40), i => FeedLayout.HashOf($"user-{i}") >= 1u << 31);
        await log.AppendAsync(tenant, Enumerable.Range(0, 200).Select(i => Event($"e{i}", $"user-{i % 40}", EventType.View)).ToList());
        await using (var forget = database.DataSource.CreateCommand("UPDATE events.log SET user_hash = NULL WHERE tenant_id = @tenant AND seq <= 10"))
        {
            forget.Parameters.AddWithValue("tenant", tenant); // as if logged before the log kept user hashes
            await forget.ExecuteNonQueryAsync();
        }

        for (var partition = 0; partition < layout.Partitions; partition++)
        {
            var read = await log.ReadPartitionAsync(tenant, partition, layout.Partitions, afterSeq: 5, throughSeq: 150, limit: 1_000);

            var expected = Enumerable.Range(6, 145).Where(seq => seq <= 10 || layout.PartitionOf($"user-{(seq - 1) % 40}") == partition);
            Assert.Equal(expected.Select(seq => (long)seq), read.Select(e => e.Seq));
        }

        var firstPage = await log.ReadPartitionAsync(tenant, 0, layout.Partitions, afterSeq: 0, throughSeq: 200, limit: 7);
        Assert.Equal(7, firstPage.Count);
        Assert.Equal(firstPage.OrderBy(e => e.Seq), firstPage);
    }

    private Task<IReadOnlyList<LoggedEvent>> ReadAllAsync(string tenant, long afterSeq) =>
        log.ReadPartitionAsync(tenant, 0, 1, afterSeq, long.MaxValue, 10_000);

    private static string NewTenant() => $"t{Guid.NewGuid():N}"[..12];

    private static BehaviorEvent Event(string id, string user, EventType type) =>
        new(id, user, type, At, type == EventType.View ? "item-1" : null, null, null, null, null, null, null, null, null, null);
}
