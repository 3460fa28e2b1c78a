using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Storage.Campaigns;
using Platform.Testing;

namespace Platform.Storage.Tests;

public sealed class CampaignForecastStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly CampaignForecastStore store = new(database.DataSource);

    [Fact]
    public async Task EachRunOfHoursOutsideTheForecastIsAnnouncedOnceAndAWindowStartIsTheRunAlreadyAnnounced()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var figure = ForecastFigure.Normal(1, 1);
        await store.SaveAsync(tenant, "c1", new StoredForecast(Guid.NewGuid(), new CampaignForecast(1, 1, figure, figure, figure, figure, figure, figure, figure, null, 1, null, [], []), [], at));

        Assert.False(await store.MarkAlertedAsync(tenant, "no-forecast", at, startsBeforeWindow: false));
        Assert.True(await store.MarkAlertedAsync(tenant, "c1", at.AddHours(3), startsBeforeWindow: false));
        Assert.False(await store.MarkAlertedAsync(tenant, "c1", at.AddHours(3), startsBeforeWindow: false)); // another node finds the same run
        Assert.False(await store.MarkAlertedAsync(tenant, "c1", at.AddDays(8), startsBeforeWindow: true)); // the same run, its start out of the window read
        Assert.True(await store.MarkAlertedAsync(tenant, "c1", at.AddDays(9), startsBeforeWindow: false)); // a new run
        Assert.False(await store.MarkAlertedAsync("other", "c1", at.AddDays(10), startsBeforeWindow: false)); // another tenant's campaign
    }

    [Fact]
    public async Task ASecondLaunchForecastIsIgnoredUnlessItReplacesTheFirstAndADeletedOneIsGone()
    {
        var tenant = $"t{Guid.NewGuid():N}"[..12];
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        StoredForecast Forecast(long audienceUsers) => new(Guid.NewGuid(), new CampaignForecast(
            audienceUsers, 1, ForecastFigure.Normal(1, 1), ForecastFigure.Normal(1, 1), ForecastFigure.Normal(1, 1), ForecastFigure.Normal(1, 1),
            ForecastFigure.Normal(1, 1), ForecastFigure.Normal(1, 1), ForecastFigure.Normal(1, 1), null, 1, null, [], []), [], at);
        await store.SaveAsync(tenant, "c1", Forecast(30));
        Assert.True(await store.MarkAlertedAsync(tenant, "c1", at.AddHours(3), startsBeforeWindow: false));

        await store.SaveAsync(tenant, "c1", Forecast(40));
        Assert.Equal(30, (await store.FindAsync(tenant, "c1"))!.Forecast.AudienceUsers);

        await store.SaveAsync(tenant, "c1", Forecast(60), replace: true);
        Assert.Equal(60, (await store.FindAsync(tenant, "c1"))!.Forecast.AudienceUsers);
        Assert.True(await store.MarkAlertedAsync(tenant, "c1", at.AddHours(3), startsBeforeWindow: false)); // a new forecast: nothing announced of it yet

        // A forecast of a design the campaign no longer has (it changed while the forecast was being made) is not kept.
        var design = new CampaignDesign("Boots 20%", CampaignType.PercentOff, 20m, Channel.Email, at, at.AddDays(7));
        await new CampaignStore(database.DataSource).InsertAsync(tenant, new Campaign("c2", design with { Value = 30m }, CampaignStatus.Scheduled, CampaignSource.Designed, at, at));
        await store.SaveAsync(tenant, "c2", Forecast(10), ofDesign: design);
        Assert.Null(await store.FindAsync(tenant, "c2"));
        await store.SaveAsync(tenant, "c2", Forecast(10), ofDesign: design with { Value = 30m });
        Assert.Equal(10, (await store.FindAsync(tenant, "c2"))!.Forecast.AudienceUsers);

        await store.DeleteAsync("other", "c1");
        Assert.NotNull(await store.FindAsync(tenant, "c1")); // another tenant's delete touches nothing
        await store.DeleteAsync(tenant, "c1");
        Assert.Null(await store.FindAsync(tenant, "c1"));
    }
}
