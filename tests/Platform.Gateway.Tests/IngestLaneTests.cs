using Microsoft.Extensions.Options;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Tests;

public sealed class IngestLaneTests
{
    private const int Bulk = IngestLane.SmallBatch + 1;

    private static IngestLane Lane(int bulkPerTenant = 1) =>
        new(Options.Create(new PlatformOptions { GraphQL = new GraphQLLimitOptions { BulkIngestsPerTenant = bulkPerTenant } }));

    [Fact]
    public async Task ATenantsSecondBulkBatchIsStoredWhenItsFirstIsAnswered()
    {
        var lane = Lane();
        var first = new TaskCompletionSource<int>();
        var secondStarted = false;

        var storing = lane.RunAsync("shop", Bulk, () => first.Task, CancellationToken.None);
        var waiting = lane.RunAsync("shop", Bulk, () => { secondStarted = true; return Task.FromResult(2); }, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(secondStarted);

        first.SetResult(1);
        Assert.Equal((1, 2), (await storing, await waiting));
    }

    [Fact]
    public async Task SmallBatchesAndOtherTenantsDoNotWait()
    {
        var lane = Lane();
        var first = new TaskCompletionSource<int>();
        var storing = lane.RunAsync("shop", Bulk, () => first.Task, CancellationToken.None);

        Assert.Equal(3, await lane.RunAsync("shop", IngestLane.SmallBatch, () => Task.FromResult(3), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(4, await lane.RunAsync("other", Bulk, () => Task.FromResult(4), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));

        first.SetResult(1);
        await storing;
    }

    [Fact]
    public async Task TheConfiguredNumberRunAtOnce()
    {
        var lane = Lane(bulkPerTenant: 2);
        var first = new TaskCompletionSource<int>();
        var storing = lane.RunAsync("shop", Bulk, () => first.Task, CancellationToken.None);

        Assert.Equal(2, await lane.RunAsync("shop", Bulk, () => Task.FromResult(2), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));

        first.SetResult(1);
        await storing;
    }

    [Fact]
    public async Task AFailedBatchGivesTheTurnBack()
    {
        var lane = Lane();

        await Assert.ThrowsAsync<InvalidOperationException>(() => lane.RunAsync<int>("shop", Bulk, () => throw new InvalidOperationException("database down"), CancellationToken.None));

        Assert.Equal(2, await lane.RunAsync("shop", Bulk, () => Task.FromResult(2), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task AWaitingBatchWhoseClientLeftStopsWaiting()
    {
        var lane = Lane();
        var first = new TaskCompletionSource<int>();
        var storing = lane.RunAsync("shop", Bulk, () => first.Task, CancellationToken.None);
        using var left = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lane.RunAsync("shop", Bulk, () => Task.FromResult(2), left.Token));

        first.SetResult(1);
        await storing;
    }
}
