using System.Text;
using Platform.Domain.Events;
using Platform.Domain.Profiles;
using Platform.Grains.Persistence;
using Platform.Grains.Profiles;
using Platform.Grains.Tenants;

namespace Platform.Grains.Tests;

public sealed class StableJsonGrainStorageSerializerTests
{
    private readonly StableJsonGrainStorageSerializer serializer = new();

    [Fact]
    public void StoredStateCarriesNoDotNetTypeNames()
    {
        var json = Encoding.UTF8.GetString(serializer.Serialize(SampleState()).ToArray());

        Assert.DoesNotContain("Platform.", json);
        Assert.DoesNotContain("$type", json);
        Assert.Contains("\"name\":\"Demo Shop\"", json);
    }

    [Fact]
    public void StateWrittenByOneClassReadsIntoARenamedClass()
    {
        var stored = serializer.Serialize(SampleState());

        var renamed = serializer.Deserialize<RenamedTenantState>(stored);

        Assert.Equal("Demo Shop", renamed.Name);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), renamed.CreatedAt);
        Assert.Equal(250, renamed.RequestsPerSecond);
    }

    [Fact]
    public void AddedPropertiesTakeTheirDefaultsAndRemovedOnesAreIgnored()
    {
        var stored = serializer.Serialize(new { name = "Old Shop", createdAt = DateTimeOffset.UnixEpoch, requestsPerSecond = 5, retiredSetting = true });

        var state = serializer.Deserialize<TenantStateV2>(stored);

        Assert.Equal("Old Shop", state.Name);
        Assert.Equal("USD", state.Currency);
    }

    [Fact]
    public void PerDayCountsStoredBeforeTheyBecameStructsReadAndWriteAlike()
    {
        // A user snapshot's per-day counts as stored while DailyCount was a class.
        const string Stored = """{"profile":{"appliedSeq":3,"daily":[{"day":20790,"type":"Purchase","count":2,"amount":59.90},{"day":20791,"type":"View","count":1,"amount":0}]}}""";

        var state = serializer.Deserialize<UserState>(BinaryData.FromString(Stored));
        var written = Encoding.UTF8.GetString(serializer.Serialize(state).ToArray());

        Assert.Equal([new DailyCount(20790, EventType.Purchase, 2, 59.90m), new DailyCount(20791, EventType.View, 1, 0m)], state.Profile.Daily);
        Assert.Contains("""
            "daily":[{"day":20790,"type":"Purchase","count":2,"amount":59.90},{"day":20791,"type":"View","count":1,"amount":0}]
            """, written);
    }

    private static TenantState SampleState() => new()
    {
        Name = "Demo Shop",
        CreatedAt = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero),
        RequestsPerSecond = 250,
    };

    private sealed class RenamedTenantState
    {
        public string? Name { get; set; }

        public DateTimeOffset CreatedAt { get; set; }

        public int RequestsPerSecond { get; set; }
    }

    private sealed class TenantStateV2
    {
        public string? Name { get; set; }

        public string Currency { get; set; } = "USD";
    }

    [Fact]
    public void ASnapshotAnImportWritesIsTheBytesTheUsersGrainWouldWriteAndReads()
    {
        var profile = new UserProfile { AppliedSeq = 42, FirstSeenAt = DateTimeOffset.Parse("2026-11-01T10:00:00Z"), Revenue = 28.36m };
        profile.Totals[EventType.Purchase] = 1;

        var imported = Platform.Storage.Users.UserSnapshotStore.Serialize(profile);

        Assert.Equal(serializer.Serialize(new UserState { Profile = profile }).ToArray(), imported);
        var read = serializer.Deserialize<UserState>(BinaryData.FromBytes(imported));
        Assert.Equal((42L, 28.36m, 1L), (read.Profile.AppliedSeq, read.Profile.Revenue, read.Profile.Totals[EventType.Purchase]));
    }
}
