using Platform.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Platform.Abstractions;
using Platform.Abstractions.Tenants;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Tests;

/// <summary>
/// A tenant's record for admission: read from its grain at most every two seconds; while the grain cannot answer (its
/// state unreadable during a database restart) the last record seen, and only when there is none, the failure.
/// </summary>
public sealed class TenantDirectoryTests
{
    private static readonly TenantInfo Acme = new("acme", "Acme", new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TenantSettings.Default, []);

    private readonly IGrainFactory grains = Substitute.For<IGrainFactory>();
    private readonly ITenantGrain grain = Substitute.For<ITenantGrain>();
    private readonly ManualClock clock = new();

    public TenantDirectoryTests() => grains.GetGrain<ITenantGrain>(GrainKeys.Tenant("acme"), null).Returns(grain);

    [Fact]
    public async Task AKnownTenantIsAdmittedOnItsLastRecordWhileItsGrainCannotAnswer()
    {
        var directory = new TenantDirectory(grains, clock);
        grain.GetAsync().Returns(Acme);
        Assert.Equal(Acme, await directory.FindAsync("acme"));

        grain.GetAsync().ThrowsAsync(new TimeoutException("the database is down"));
        clock.Now += TenantDirectory.CacheLifetime * 10;

        Assert.Equal(Acme, await directory.FindAsync("acme"));
        Assert.Equal(Acme, await directory.FindAsync("acme")); // within the lifetime again: the grain is not asked
        await grain.Received(2).GetAsync();
    }

    [Fact]
    public async Task ATenantNeverSeenHereFailsWhileItsGrainCannotAnswer()
    {
        var directory = new TenantDirectory(grains, clock);
        grain.GetAsync().ThrowsAsync(new TimeoutException("the database is down"));

        await Assert.ThrowsAsync<TimeoutException>(async () => await directory.FindAsync("acme"));
    }

    [Fact]
    public async Task ATenantNeverSeenHereWhoseGrainFailedIsNotAskedAgainForAMoment()
    {
        var directory = new TenantDirectory(grains, clock);
        grain.GetAsync().ThrowsAsync(new TimeoutException("the database is down"));
        await Assert.ThrowsAsync<TimeoutException>(async () => await directory.FindAsync("acme"));

        var remembered = await Assert.ThrowsAsync<TenantUnreadableException>(async () => await directory.FindAsync("acme"));
        Assert.IsType<TimeoutException>(remembered.InnerException);
        await grain.Received(1).GetAsync();

        clock.Now += TenantDirectory.FailureLifetime;
        grain.GetAsync().Returns(Acme); // the database is back
        Assert.Equal(Acme, await directory.FindAsync("acme"));
        await grain.Received(2).GetAsync();
    }

    [Fact]
    public async Task ATenantThatDoesNotExistIsNotRemembered()
    {
        var directory = new TenantDirectory(grains, clock);
        grain.GetAsync().Returns((TenantInfo?)null);
        Assert.Null(await directory.FindAsync("acme"));

        grain.GetAsync().Returns(Acme); // created meanwhile, on another node: usable at once
        Assert.Equal(Acme, await directory.FindAsync("acme"));
    }
}
