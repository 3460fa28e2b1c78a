using Platform.Storage.Campaigns;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class CampaignChargeStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly CampaignChargeStore charges = new(database.DataSource);

    [Fact]
    public async Task TheFirstDecisionForARedemptionStandsAndOnlyCountedOnesAreSpent()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];

        Assert.Equal((true, true), await charges.RecordAsync(tenant, "c1", "r1", 30m, counted: true));
        Assert.Equal((true, false), await charges.RecordAsync(tenant, "c1", "r1", 30m, counted: false)); // a replay asks again
        Assert.Equal((false, true), await charges.RecordAsync(tenant, "c1", "r2", 25m, counted: false));
        Assert.Equal((true, true), await charges.RecordAsync(tenant, "c2", "r1", 5m, counted: true)); // another campaign

        Assert.Equal(30m, await charges.SpentAsync(tenant, "c1"));
        Assert.Equal(0m, await charges.SpentAsync($"{tenant}x", "c1"));
    }
}
