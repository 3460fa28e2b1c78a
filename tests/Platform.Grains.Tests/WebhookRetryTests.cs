using Platform.Grains.Campaigns;

namespace Platform.Grains.Tests;

public sealed class WebhookRetryTests
{
    private static readonly TimeSpan[] Waits = [TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)];

    [Fact]
    public async Task ADeliveryIsQueuedOnceTheJobsDatabaseAnswersAgain()
    {
        var (flaky, fine) = (Guid.NewGuid(), Guid.NewGuid());
        var tries = new Dictionary<Guid, int>();
        bool TryQueue(Guid id)
        {
            tries[id] = tries.GetValueOrDefault(id) + 1;
            return id != flaky || tries[id] >= 2;
        }

        var left = await WebhookDispatcher.QueueWithRetriesAsync([flaky, fine], TryQueue, Waits);

        Assert.Empty(left);
        Assert.Equal(2, tries[flaky]);
        Assert.Equal(1, tries[fine]); // not tried while the one before it failed, then queued once
    }

    [Fact]
    public async Task ARoundStopsAtItsFirstFailure()
    {
        var (down, after) = (Guid.NewGuid(), Guid.NewGuid());
        var tried = new List<Guid>();

        var left = await WebhookDispatcher.QueueWithRetriesAsync([down, after], id => { tried.Add(id); return false; }, Waits);

        Assert.Equal([down, after], left);
        Assert.Equal(Enumerable.Repeat(down, Waits.Length), tried);
    }

    [Fact]
    public async Task WhatIsStillNotQueuedAfterTheLastWaitIsReturnedForTheSweeper()
    {
        var down = Guid.NewGuid();
        var tries = 0;

        var left = await WebhookDispatcher.QueueWithRetriesAsync([down], _ => ++tries < 0, Waits);

        Assert.Equal([down], left);
        Assert.Equal(Waits.Length, tries);
    }
}
