using System.Text;
using Platform.Grains.Persistence;
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
}
