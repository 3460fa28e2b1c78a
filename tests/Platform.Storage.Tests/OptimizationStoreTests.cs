using Platform.Domain.Jobs;
using Platform.Storage.Campaigns;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class OptimizationStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);

    private OptimizationStore Store => new(database.DataSource, clock);

    private static string NewTenant() => $"t{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task ATenantHasAtMostThreeUnfinishedSearchesAndAFinishedOneFreesItsPlace()
    {
        var tenant = NewTenant();
        var ids = Enumerable.Range(0, OptimizationStore.MaxUnfinishedPerTenant).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            Assert.True(await Store.TryCreateAsync(tenant, id, 4));
        }

        Assert.False(await Store.TryCreateAsync(tenant, Guid.NewGuid(), 4));
        Assert.True(await Store.TryCreateAsync(NewTenant(), Guid.NewGuid(), 4)); // another tenant is not held back

        await Store.ProgressAsync(tenant, ids[0], RunStatus.Running, "forecasting", 0.5, 100, null);
        Assert.False(await Store.TryCreateAsync(tenant, Guid.NewGuid(), 4)); // running counts as queued does

        await Store.FailAsync(tenant, ids[1], "stopped");
        Assert.True(await Store.TryCreateAsync(tenant, Guid.NewGuid(), 4));
        Assert.False(await Store.TryCreateAsync(tenant, Guid.NewGuid(), 4));
    }

    [Fact]
    public async Task SearchesLostWithTheirNodeDoNotCount()
    {
        var tenant = NewTenant();
        for (var i = 0; i < OptimizationStore.MaxUnfinishedPerTenant; i++)
        {
            Assert.True(await Store.TryCreateAsync(tenant, Guid.NewGuid(), 1));
        }

        clock.Now += OptimizationStore.StaleAfter + TimeSpan.FromSeconds(1);

        Assert.True(await Store.TryCreateAsync(tenant, Guid.NewGuid(), 1));
    }

    [Fact]
    public async Task SearchesStartedAtTheSameMomentCannotPassTheBoundTogether()
    {
        var tenant = NewTenant();

        var created = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => Store.TryCreateAsync(tenant, Guid.NewGuid(), 1))));

        Assert.Equal(OptimizationStore.MaxUnfinishedPerTenant, created.Count(c => c));
    }
}
