using Orleans.Concurrency;
using Platform.Abstractions;
using Platform.Abstractions.Profiles;
using Platform.Domain.Events;
using Platform.Storage.Events;

namespace Platform.Grains.Tests;

/// <summary>A user's grain folds what it is given and, on activation, replays what the log holds after its snapshot.</summary>
public sealed class UserGrainTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    private readonly EventLog log = new(cluster.Database.DataSource);

    [Fact]
    public async Task ANewActivationReplaysTheEventsItsSnapshotMissed()
    {
        var now = DateTimeOffset.UtcNow;
        var delivered = await AppendAsync(Purchase("p1", now.AddHours(-3), 20m), Purchase("p2", now.AddHours(-2), 30m));
        var grain = cluster.Grains.GetGrain<IUserGrain>(GrainKeys.User("grains", "ann"));
        await grain.ApplyAsync(new Immutable<IReadOnlyList<LoggedEvent>>(delivered));
        var before = (await grain.GetAsync()).Value;

        await cluster.DeactivateAllAsync(); // the snapshot is written on deactivation
        await AppendAsync(Purchase("p3", now.AddHours(-1), 50m)); // logged, never delivered to the grain
        var after = (await cluster.Grains.GetGrain<IUserGrain>(GrainKeys.User("grains", "ann")).GetAsync()).Value;

        Assert.Equal((2L, 50m), (before!.Purchases, before.Revenue));
        Assert.Equal((3L, 100m), (after!.Purchases, after.Revenue));
    }

    [Fact]
    public async Task AViewTakenEarlierIsNotChangedByLaterEvents()
    {
        var now = DateTimeOffset.UtcNow;
        var grain = cluster.Grains.GetGrain<IUserGrain>(GrainKeys.User("grains", "cleo"));
        await grain.ApplyAsync(new Immutable<IReadOnlyList<LoggedEvent>>(await AppendAsync(
            Purchase("c1", now.AddHours(-3), 20m, "cleo"), Exposure("c2", now.AddHours(-2), "spring", "cleo"))));
        var view = (await grain.GetAsync()).Value!; // on the same silo: not copied
        var (steps, touches) = (view.Trajectory.ToList(), view.Campaigns.ToList());

        await grain.ApplyAsync(new Immutable<IReadOnlyList<LoggedEvent>>(await AppendAsync(
            Exposure("c3", now.AddHours(-1), "summer", "cleo"), Exposure("c4", now.AddMinutes(-30), "spring", "cleo"), Purchase("c5", now.AddMinutes(-10), 40m, "cleo"))));

        Assert.Equal(steps, view.Trajectory);
        Assert.Equal(touches, view.Campaigns);
        Assert.NotEqual(touches.Count, (await grain.GetAsync()).Value!.Campaigns.Count);
    }

    [Fact]
    public async Task AUserWithoutEventsHasNoProfile() =>
        Assert.Null((await cluster.Grains.GetGrain<IUserGrain>(GrainKeys.User("grains", "nobody")).GetAsync()).Value);

    [Fact]
    public async Task EachNodeNamesItsActiveUsersOfATenantAmongThoseAskedAbout()
    {
        var node = (await cluster.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.Single().ToParsableString();
        var users = cluster.Grains.GetGrain<INodeUsersGrain>(node);
        await Task.WhenAll(new[] { "ava", "ben" }.Select(u => cluster.Grains.GetGrain<IUserGrain>(GrainKeys.User("registry", u)).GetAsync()));
        await cluster.Grains.GetGrain<IUserGrain>(GrainKeys.User("registry-other", "cal")).GetAsync();

        Assert.Equal(["ben", "ava"], await users.ActiveOfAsync("registry", ["ben", "cal", "ava", "dan"]));
        Assert.Equal(["cal"], await users.ActiveOfAsync("registry-other", ["ava", "cal"]));
        Assert.Null(await cluster.Grains.GetGrain<INodeUsersGrain>("S10.0.0.9:11111:1").ActiveOfAsync("registry", ["ava"])); // no such node

        await cluster.DeactivateAllAsync();
        Assert.Empty((await users.ActiveOfAsync("registry", ["ava", "ben"]))!);
    }

    private async Task<IReadOnlyList<LoggedEvent>> AppendAsync(params BehaviorEvent[] events)
    {
        var appended = await log.AppendAsync("grains", events);
        return events.Select((e, i) => new LoggedEvent(appended.StoredAt[i], e)).ToList();
    }

    private static BehaviorEvent Purchase(string id, DateTimeOffset at, decimal amount, string user = "ann") =>
        new(id, user, EventType.Purchase, at, "sku-1", null, 1, amount, "EUR", null, null, null, null, null);

    private static BehaviorEvent Exposure(string id, DateTimeOffset at, string campaignId, string user) =>
        new(id, user, EventType.CampaignExposure, at, null, null, null, null, null, campaignId, null, null, null, null);
}
