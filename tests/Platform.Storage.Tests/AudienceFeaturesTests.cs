using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Domain.Events;
using Platform.Domain.Modeling;
using Platform.Domain.Profiles;
using Platform.Domain.Users;
using Platform.Storage.Audiences;
using Platform.Storage.Catalog;
using Platform.Storage.Events;
using Platform.Storage.Training;
using Platform.Storage.Users;
using Platform.Testing;

namespace Platform.Storage.Tests;

/// <summary>The audience read that forecasts, uplift audiences and the optimizer stream: more users than a batch, read ahead.</summary>
public sealed class AudienceFeaturesTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AsOf = Now.AddDays(-40); // a new day, and past the 30-day window
    private readonly UserStore users = new(database.DataSource);
    private readonly ProfileProjection projection = new(database.DataSource);

    private static Dictionary<string, double> Aged(IReadOnlyDictionary<string, double> features, FeatureAging aging) =>
        features.ToDictionary(f => f.Key, f => aging.Apply(f.Key, f.Value));

    private AudienceFeatures Audiences() =>
        new(database.DataSource, new CurrentUserFeatures(database.DataSource, new EventLog(database.DataSource), users, new CatalogStore(database.DataSource)));

    [Fact]
    public async Task EveryUserIsReadInIdOrderWithItsStoredFeaturesMovedOnToNowAndItsAttributes()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var count = AudienceFeatures.Batch + 123;
        var ids = Enumerable.Range(0, count).Select(i => $"u{i:D5}").ToList();
        var records = ids.Where((_, i) => i % 7 != 0).Select((id, i) => new UserRecord(
            id, 20 + (i % 50), i % 2 == 0 ? "f" : null, "north", null, new DateOnly(2024, 1, 1).AddDays(i % 300),
            new Dictionary<string, AttributeValue> { ["points"] = new("points", i % 11, null), ["tier"] = new("tier", null, i % 3 == 0 ? "gold" : "silver") },
            i % 5 == 0 ? ["vip", "spring-sale:control"] : [])).ToList();
        await users.UpsertAsync(tenant, records);
        var views = ids.Where((_, i) => i % 9 != 0).ToDictionary(id => id, View);
        await projection.UpsertAsync([.. views.Select(v => new ProfileRow(tenant, v.Key, v.Value, AsOf))]);

        var read = new List<AudienceMember>();
        await foreach (var batch in Audiences().ReadAsync(tenant, new Audience(All: true), Now, ProfileSettings.Default))
        {
            read.AddRange(batch);
        }

        var known = ids.Where((_, i) => i % 7 != 0 || i % 9 != 0).ToList();
        Assert.Equal(known, read.Select(m => m.UserId));
        var stored = await users.FindManyAsync(tenant, ids);
        foreach (var member in read)
        {
            var profile = views.TryGetValue(member.UserId, out var view) ? Aged(EnrollmentFeatures.Of(view, AsOf), FeatureAging.Between(AsOf, Now)) : null;
            var expected = TrainingFeatures.Merge(null, profile, stored.GetValueOrDefault(member.UserId));
            Assert.Equal(expected.OrderBy(f => f.Key, StringComparer.Ordinal), member.Features.OrderBy(f => f.Key, StringComparer.Ordinal));
        }

        var unsorted = new List<AudienceMember>();
        await foreach (var batch in Audiences().ReadAsync(tenant, new Audience(All: true), Now, ProfileSettings.Default, members => members, AudienceOrder.Any))
        {
            unsorted.AddRange(batch);
        }

        Assert.Equal(known, unsorted.Select(m => m.UserId).Order(StringComparer.Ordinal)); // the same users, in any order

        var first = read.Single(m => m.UserId == "u00001").Features; // the first with attributes: points 0, gold, vip
        Assert.Equal(0, first["views_30"].Number); // 40 days on: the 30-day window emptied
        Assert.Equal((0.0, "gold", 1.0), (first["points"].Number!.Value, first["tier"].Text!, first["tag:vip"].Number!.Value));
        Assert.DoesNotContain(first.Keys, name => name.Contains("spring-sale", StringComparison.Ordinal)); // an arm's label, never a feature
    }

    [Fact]
    public async Task ACallerThatStopsAfterTheFirstBatchLeavesNoQueryRunning()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        await users.UpsertAsync(tenant, [.. Enumerable.Range(0, (2 * AudienceFeatures.Batch) + 1).Select(i => new UserRecord($"u{i}", 30, null, null, null, null, new Dictionary<string, AttributeValue>(), null))]);

        await foreach (var batch in Audiences().ReadAsync(tenant, new Audience(All: true), Now, ProfileSettings.Default))
        {
            Assert.Equal(AudienceFeatures.Batch, batch.Count);
            Assert.Equal(1, await RunningAsync(tenant)); // the read is still going: the check below can see one
            break;
        }

        Assert.Equal(0, await RunningAsync(tenant));
    }

    [Fact]
    public async Task ACancelledReadThrowsAtTheCallerAndLeavesNoQueryRunning()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        await users.UpsertAsync(tenant, [.. Enumerable.Range(0, (2 * AudienceFeatures.Batch) + 1).Select(i => new UserRecord($"u{i}", 30, null, null, null, null, new Dictionary<string, AttributeValue>(), null))]);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Audiences().ReadAsync(tenant, new Audience(All: true), Now, ProfileSettings.Default, cancel.Token))
            {
                await cancel.CancelAsync();
            }
        });

        Assert.Equal(0, await RunningAsync(tenant));
    }

    // A profile with views and purchases in two categories, different per user.
    private static ProfileView View(string userId)
    {
        var n = int.Parse(userId[1..], System.Globalization.CultureInfo.InvariantCulture);
        var events = Enumerable.Range(0, 1 + (n % 4)).Select(k => ((long)k + 1, new BehaviorEvent(
            $"{userId}-{k}", userId, k % 3 == 2 ? EventType.Purchase : EventType.View, AsOf.AddDays(-k - (n % 20)), $"i{k}", k % 2 == 0 ? "shoes" : "bags",
            1, k % 3 == 2 ? 20m + n % 30 : null, k % 3 == 2 ? "EUR" : null, null, null, null, null, null))).ToList();
        var profile = new UserProfile();
        ProfileFolder.Apply(profile, events, _ => null, ProfileSettings.Default);
        return ProfileReader.Read(profile, AsOf, ProfileSettings.Default);
    }

    // Backends still running this tenant's audience query, or holding its transaction open.
    private async Task<long> RunningAsync(string tenant)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE state <> 'idle' AND pid <> pg_backend_pid() AND query LIKE '%FROM users.attributes WHERE tenant_id = $%'");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
