using GraphQL;
using Microsoft.Extensions.Options;
using Platform.Domain.Errors;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Tests;

public sealed class AggregateGateTests
{
    private static AggregateGate Gate(TimeSpan wait) =>
        new(Options.Create(new PlatformOptions { GraphQL = new GraphQLLimitOptions { AggregatesPerTenant = 1, AggregateWait = wait } }));

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
}
