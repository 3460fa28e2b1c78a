using GraphQL;
using Microsoft.Extensions.Options;
using Platform.Domain.Errors;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Hosting;
using Platform.Testing;

namespace Platform.Gateway.Tests;

public sealed class AggregateGateTests
{
    private static AggregateGate Gate(TimeSpan wait, double secondsPerSecond = 0.25, double burstSeconds = 10, TimeProvider? clock = null) =>
        new(Options.Create(new PlatformOptions
        {
            GraphQL = new GraphQLLimitOptions
            {
                AggregatesPerTenant = 1, AggregateWait = wait, AggregateSecondsPerSecond = secondsPerSecond, AggregateBurstSeconds = burstSeconds,
            },
        }), clock ?? TimeProvider.System);

    [Fact]
    public async Task ATenantsSecondAggregateStartsWhenItsFirstHasFinished()
    {
        var gate = Gate(TimeSpan.FromSeconds(10));
        var first = new TaskCompletionSource<int>();
        var secondStarted = false;

        var running = gate.RunAsync("shop", () => first.Task, CancellationToken.None);
        var waiting = gate.RunAsync("shop", () => { secondStarted = true; return Task.FromResult(2); }, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(secondStarted);

        first.SetResult(1);
        Assert.Equal((1, 2), (await running, await waiting));
        Assert.True(secondStarted);
    }

    [Fact]
    public async Task AnotherTenantDoesNotWait()
    {
        var gate = Gate(TimeSpan.FromSeconds(10));
        var first = new TaskCompletionSource<int>();
        var running = gate.RunAsync("shop", () => first.Task, CancellationToken.None);

        Assert.Equal(7, await gate.RunAsync("other", () => Task.FromResult(7), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));

        first.SetResult(1);
        await running;
    }

    [Fact]
    public async Task OneThatDoesNotGetItsTurnInTimeIsRateLimited()
    {
        var gate = Gate(TimeSpan.FromMilliseconds(100));
        var first = new TaskCompletionSource<int>();
        var running = gate.RunAsync("shop", () => first.Task, CancellationToken.None);

        var refused = await Assert.ThrowsAnyAsync<ExecutionError>(() => gate.RunAsync("shop", () => Task.FromResult(2), CancellationToken.None));

        Assert.Equal(ErrorCodes.RateLimited, refused.Code);
        first.SetResult(1);
        await running;
    }

    [Fact]
    public async Task AFailedAggregateGivesUpItsTurn()
    {
        var gate = Gate(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync<int>("shop", () => throw new InvalidOperationException("broken"), CancellationToken.None));

        Assert.Equal(3, await gate.RunAsync("shop", () => Task.FromResult(3), CancellationToken.None));
    }

    [Fact]
    public async Task ATenantThatSpentItsAggregateTimeIsRefusedWithRetryAfterUntilItHasEarnedMore()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var gate = Gate(TimeSpan.FromSeconds(10), secondsPerSecond: 0.5, burstSeconds: 0.05, clock);

        Assert.Equal(1, await gate.RunAsync("shop", async () => { await Task.Delay(120); return 1; }, CancellationToken.None)); // ~0.12 s spent of 0.05

        var refused = await Assert.ThrowsAnyAsync<ExecutionError>(() => gate.RunAsync("shop", () => Task.FromResult(2), CancellationToken.None));
        Assert.Equal(ErrorCodes.RateLimited, refused.Code);
        Assert.InRange(Convert.ToInt32(refused.Extensions!["retryAfterSeconds"]), 1, 2);
        Assert.Equal(3, await gate.RunAsync("other", () => Task.FromResult(3), CancellationToken.None)); // another tenant's budget is its own

        clock.Now += TimeSpan.FromSeconds(10); // earned back whatever the delay really took (it is timed, and this machine can stall)
        Assert.Equal(4, await gate.RunAsync("shop", () => Task.FromResult(4), CancellationToken.None));
    }

    [Fact]
    public void ABudgetRefillsAtItsRateUpToItsBurstAndOwesWhatAnAggregateOverspent()
    {
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var budget = new AggregateBudget(burst: 2, refill: 0.25, start);

        Assert.Null(budget.WaitBeforeStart(start));
        budget.Charge(TimeSpan.FromSeconds(3), start); // 2 - 3 = -1: owes one second, earned back in 4
        Assert.Equal(4, budget.WaitBeforeStart(start)!.Value.TotalSeconds, precision: 2);
        Assert.Equal(2, budget.WaitBeforeStart(start.AddSeconds(2))!.Value.TotalSeconds, precision: 2);
        Assert.Null(budget.WaitBeforeStart(start.AddSeconds(4.1)));

        budget.Charge(TimeSpan.FromSeconds(1.9), start.AddHours(1)); // an hour idle refills to the burst only: 2 - 1.9 > 0
        Assert.Null(budget.WaitBeforeStart(start.AddHours(1)));
        budget.Charge(TimeSpan.FromSeconds(0.2), start.AddHours(1));
        Assert.NotNull(budget.WaitBeforeStart(start.AddHours(1)));
    }
}
