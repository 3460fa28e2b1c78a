using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Support;
using Platform.Testing;

namespace Platform.IntegrationTests.Models;

/// <summary>Retraining schedules: validation, listing with the next run, and a firing of the Hangfire recurring job on the worker.</summary>
public sealed class RetrainingScheduleTests(PlatformWithWorker platform) : IClassFixture<PlatformWithWorker>
{
    private const string Set = """
        mutation($cron: String!, $zone: String, $onlyNew: Boolean) {
          setRetrainingSchedule(task: UPLIFT, cron: $cron, timeZone: $zone, onlyWhenNewData: $onlyNew) { task cron timeZone onlyWhenNewData nextRunAt }
        }
        """;

    [Fact]
    public async Task AnInvalidCronOrTimeZoneIsRefusedNamingTheField()
    {
        var (_, admin) = await platform.CreateTenantAsync("sched");

        var badCron = await platform.Http.PostAsync(admin, Set, new { cron = "every night", zone = "UTC" });
        var tooOften = await platform.Http.PostAsync(admin, Set, new { cron = "*/5 * * * *" });
        var both = await platform.Http.PostAsync(admin, Set, new { cron = "61 * * * *", zone = "Mars/Olympus" });

        Assert.Equal(("INVALID_ARGUMENT", "cron", "format"), Rule(badCron));
        Assert.Equal(("INVALID_ARGUMENT", "cron", "too_frequent"), Rule(tooOften));
        Assert.Equal(["cron", "timeZone"], both.FirstError.GetProperty("extensions").GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("field").GetString()));
        Assert.Empty(await SchedulesAsync(admin));
    }

    [Fact]
    public async Task AScheduleIsListedWithItsNextRunReplacedAndDeleted()
    {
        var (_, admin) = await platform.CreateTenantAsync("sched");

        (await platform.Http.PostAsync(admin, Set, new { cron = "0 4 * * *", zone = "UTC", onlyNew = false })).AssertSuccess();
        var set = await platform.Http.PostAsync(admin, Set, new { cron = "30 3 * * 1", zone = "Europe/Paris" });

        set.AssertSuccess();
        var schedule = Assert.Single(await SchedulesAsync(admin));
        Assert.Equal(("30 3 * * 1", "Europe/Paris", true), (schedule.GetProperty("cron").GetString(), schedule.GetProperty("timeZone").GetString(), schedule.GetProperty("onlyWhenNewData").GetBoolean()));
        var next = schedule.GetProperty("nextRunAt").GetDateTimeOffset();
        var paris = TimeZoneInfo.ConvertTime(next, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.Equal((DayOfWeek.Monday, 3, 30), (paris.DayOfWeek, paris.Hour, paris.Minute));
        Assert.InRange(next - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromDays(7));

        Assert.True((await platform.Http.PostAsync(admin, "mutation { deleteRetrainingSchedule(task: UPLIFT) }")).Data.GetProperty("deleteRetrainingSchedule").GetBoolean());
        Assert.False((await platform.Http.PostAsync(admin, "mutation { deleteRetrainingSchedule(task: UPLIFT) }")).Data.GetProperty("deleteRetrainingSchedule").GetBoolean());
        Assert.Empty(await SchedulesAsync(admin));
    }

    [Fact]
    public async Task AFiringTrainsThenSkipsWhileNothingNewArrivedThenTrainsAgainAfterAnEvent()
    {
        var (tenantId, admin) = await platform.CreateTenantAsync("sched");
        var import = await ImportCalls.ImportAsync(platform.Http, admin, "EXPERIMENT", "spring.csv", SyntheticExperiment.Csv(1500), SyntheticExperiment.Options);
        Expect.Equal("SUCCEEDED", import.GetProperty("status").GetString(), import.ToString());
        (await platform.Http.PostAsync(admin, Set, new { cron = "0 3 * * *", onlyNew = true })).AssertSuccess();

        var first = await FireAsync(admin, tenantId, before: 0);
        Expect.Equal(("SUCCEEDED", "SCHEDULE"), (first.GetProperty("status").GetString(), first.GetProperty("trigger").GetString()), first.ToString());

        var skipped = await FireAsync(admin, tenantId, before: 1);
        Assert.Equal("SKIPPED", skipped.GetProperty("status").GetString());
        Assert.StartsWith("No events or outcome rows arrived", skipped.GetProperty("error").GetString());

        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = new[] { Events.Purchase("late-1", "u1", 12m, DateTimeOffset.UtcNow.AddMinutes(-1)) } })).AssertSuccess();
        var again = await FireAsync(admin, tenantId, before: 2);
        Assert.Equal(("SUCCEEDED", "SCHEDULE"), (again.GetProperty("status").GetString(), again.GetProperty("trigger").GetString()));
    }

    // Triggers the tenant's recurring job now, as Hangfire would at its cron, and waits for the run it leaves.
    private async Task<JsonElement> FireAsync(string admin, string tenantId, int before)
    {
        platform.Node.Services.GetRequiredService<IRecurringJobManager>().Trigger($"retrain:{tenantId}:UPLIFT");
        var runs = await Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(admin, "{ trainingRuns(task: UPLIFT) { nodes { status trigger error } } }")).Data.GetProperty("trainingRuns").GetProperty("nodes"),
            nodes => nodes.GetArrayLength() > before && nodes[0].GetProperty("status").GetString() is not ("QUEUED" or "RUNNING"),
            TimeSpan.FromSeconds(120));
        return runs[0];
    }

    private async Task<IReadOnlyList<JsonElement>> SchedulesAsync(string admin) =>
        (await platform.Http.PostAsync(admin, "{ tenant { schedules { cron timeZone onlyWhenNewData nextRunAt } } }")).Data.GetProperty("tenant").GetProperty("schedules").EnumerateArray().ToList();

    private static (string?, string?, string?) Rule(GraphQLResponse response)
    {
        var extensions = response.FirstError.GetProperty("extensions");
        return (extensions.GetProperty("code").GetString(), extensions.GetProperty("field").GetString(), extensions.GetProperty("rule").GetString());
    }
}
