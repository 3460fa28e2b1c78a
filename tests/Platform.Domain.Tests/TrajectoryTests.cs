using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Domain.Events;
using Platform.Domain.Profiles;

namespace Platform.Domain.Tests;

/// <summary>The packed trajectory keeps the steps a list of records kept, in the same order, and stores as the same JSON.</summary>
public sealed class TrajectoryTests
{
    private static readonly JsonSerializerOptions Stored = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Theory]
    [InlineData(1, 80)]
    [InlineData(2, 80)]
    [InlineData(3, 49)]
    [InlineData(4, 300)]
    [InlineData(5, 300)]
    public void StepsInAnyOrderEndAsTheListDidNewestFirstAndCapped(int seed, int count)
    {
        var random = new Random(seed);
        var steps = Enumerable.Range(1, count).Select(seq => Step(random, seq)).OrderBy(_ => random.Next()).ToList();
        var trajectory = new Trajectory();
        var list = new List<TrajectoryStep>();

        foreach (var step in steps)
        {
            trajectory.Remember(step);
            RememberAsTheListDid(list, step);
        }

        Assert.Equal(Math.Min(count, UserProfile.TrajectoryLength), trajectory.Count);
        Assert.Equal(list, trajectory);
        Assert.Equal(list.Select(s => s.Amount), trajectory.Select(s => s.Amount));
    }

    [Fact]
    public void AStepKeepsItsOffsetAndAmount()
    {
        var step = new TrajectoryStep(7, EventType.Purchase, new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.FromHours(2)), "sku-1", "shoes", "c-1", 59.90m);
        var trajectory = new Trajectory();

        trajectory.Remember(step);

        Assert.Equal(step, trajectory[0]);
        Assert.Equal(TimeSpan.FromHours(2), trajectory[0].OccurredAt.Offset);
        Assert.Throws<ArgumentOutOfRangeException>(() => trajectory[1]);
    }

    [Fact]
    public void ItStoresAsTheJsonArrayTheListWasAndReadsBack()
    {
        var random = new Random(4);
        var list = new List<TrajectoryStep>();
        var trajectory = new Trajectory();
        foreach (var step in Enumerable.Range(1, 12).Select(seq => Step(random, seq)))
        {
            trajectory.Remember(step);
            RememberAsTheListDid(list, step);
        }

        var json = JsonSerializer.Serialize(trajectory, Stored);
        var read = JsonSerializer.Deserialize<Trajectory>(json, Stored)!;

        Assert.Equal(JsonSerializer.Serialize(list, Stored), json);
        Assert.Equal(list, read);
        Assert.Equal(list, JsonSerializer.Deserialize<Trajectory>(JsonSerializer.Serialize(list, Stored), Stored)!);
    }

    [Fact]
    public void ProfilesShareOneCopyOfEachId()
    {
        var at = DateTimeOffset.UtcNow;
        var first = new Trajectory();
        var second = JsonSerializer.Deserialize<Trajectory>(JsonSerializer.Serialize(new[] { new TrajectoryStep(2, EventType.View, at, "sku-shared", "cat-shared", null, null) }, Stored), Stored)!;
        var scores = JsonSerializer.Deserialize<DecayingScores>("{\"values\":{\"cat-shared\":1.5}}", Stored)!;

        first.Remember(new TrajectoryStep(1, EventType.View, at, new string("sku-shared".AsSpan()), new string("cat-shared".AsSpan()), null, null));

        Assert.Same(first[0].ItemId, second[0].ItemId);
        var (key, score) = scores.At(scores.Reference, TimeSpan.FromDays(1)).Single();
        Assert.Same(first[0].CategoryId, key);
        Assert.Equal(1.5, score);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(60)]
    public void AStoredTrajectoryReadBackTakesNewStepsAsTheListDid(int stored)
    {
        var random = new Random(stored);
        var list = Enumerable.Range(1, stored).Select(seq => Step(random, seq))
            .OrderByDescending(s => s.OccurredAt).ThenByDescending(s => s.Seq).ToList();
        var trajectory = JsonSerializer.Deserialize<Trajectory>(JsonSerializer.Serialize(list, Stored), Stored)!;
        list = list.Take(UserProfile.TrajectoryLength).ToList();

        // Newer than all, between, and older than all of the stored steps.
        foreach (var minutes in new[] { 90, 20, -30 })
        {
            var step = new TrajectoryStep(1_000 + minutes, EventType.Purchase, list[^1].OccurredAt.AddMinutes(minutes), "sku-new", null, null, 9.5m);
            trajectory.Remember(step);
            RememberAsTheListDid(list, step);
        }

        Assert.Equal(list, trajectory);
        Assert.Equal(list.Select(s => s.Amount), trajectory.Select(s => s.Amount));
    }

    [Fact]
    public void NullsInAStoredProfileReadAsEmpty()
    {
        var profile = JsonSerializer.Deserialize<UserProfile>("{\"recent\":null,\"categories\":{\"values\":null}}", Stored)!;

        Assert.Empty(profile.Recent);
        Assert.Equal(0, profile.Categories.Count);
    }

    [Fact]
    public void ANullStepInAStoredTrajectoryIsLeftOut()
    {
        var json = "[null,{\"seq\":3,\"type\":\"View\",\"occurredAt\":\"2026-12-01T10:00:00+00:00\",\"itemId\":\"sku-1\"}]";

        var trajectory = JsonSerializer.Deserialize<Trajectory>(json, Stored)!;

        Assert.Equal(3, Assert.Single(trajectory).Seq);
    }

    // The List<TrajectoryStep> the profile held before the trajectory was packed.
    private static void RememberAsTheListDid(List<TrajectoryStep> recent, TrajectoryStep step)
    {
        var position = recent.FindIndex(s => s.OccurredAt < step.OccurredAt || (s.OccurredAt == step.OccurredAt && s.Seq < step.Seq));
        recent.Insert(position < 0 ? recent.Count : position, step);
        if (recent.Count > UserProfile.TrajectoryLength)
        {
            recent.RemoveAt(recent.Count - 1);
        }
    }

    // Times from a few minutes, so that some steps share one; offsets and missing fields mixed.
    private static TrajectoryStep Step(Random random, long seq)
    {
        var offset = TimeSpan.FromMinutes(random.Next(3) switch { 0 => 0, 1 => 120, _ => -330 });
        var utc = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(40));
        var occurredAt = new DateTimeOffset(utc.Ticks + offset.Ticks, offset);
        var type = (EventType)random.Next(1, 12);
        return new TrajectoryStep(seq, type, occurredAt, random.Next(4) == 0 ? null : $"sku-{random.Next(9)}", $"cat-{random.Next(3)}",
            random.Next(5) == 0 ? "c-1" : null, type == EventType.Purchase ? Math.Round((decimal)random.NextDouble() * 100, 2) : null);
    }
}
