using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Domain.Events;
using Platform.Domain.Profiles;

namespace Platform.Domain.Tests;

/// <summary>The profile parts held in arrays instead of dictionaries keep the dictionaries' behaviour and stored JSON.</summary>
public class PackedProfilePartsTests
{
    private static readonly JsonSerializerOptions Stored = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly JsonSerializerOptions BetweenGrains = new(JsonSerializerDefaults.General) { Converters = { new JsonStringEnumConverter() } }; // Orleans' codec for domain types
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(30);
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ScoresKeepTheStrongestKeysAsTheDictionaryDid()
    {
        var random = new Random(7);
        var scores = new DecayingScores();
        var reference = new Reference();
        for (var i = 0; i < 2_000; i++)
        {
            var key = $"cat-{random.Next(60)}";
            var weight = 0.5 + random.Next(4);
            var at = Start.AddHours(random.Next(24 * 60)); // out of order, as events may come
            scores.Add(key, weight, at, HalfLife);
            reference.Add(key, weight, at, HalfLife);
        }

        Assert.Equal(DecayingScores.Capacity, scores.Count);
        var now = Start.AddDays(70);
        Assert.Equal(reference.At(now, HalfLife), scores.At(now, HalfLife));
    }

    [Fact]
    public void OfEquallyWeakKeysTheGreatestGoesWhateverTheOrderTheyCameIn()
    {
        var keys = Enumerable.Range(0, DecayingScores.Capacity + 1).Select(i => $"cat-{i:00}").ToList();
        foreach (var order in new[] { keys, Enumerable.Reverse(keys).ToList() })
        {
            var scores = new DecayingScores();
            foreach (var key in order)
            {
                scores.Add(key, 1, Start, HalfLife);
            }

            Assert.DoesNotContain(scores.At(Start, HalfLife), pair => pair.Key == "cat-20");
            Assert.Equal(DecayingScores.Capacity, scores.Count);
        }
    }

    [Fact]
    public void ScoresAreStoredAsTheDictionaryWas()
    {
        var scores = new DecayingScores();
        scores.Add("shoes", 2, Start, HalfLife);
        scores.Add("bags", 1, Start.AddDays(30), HalfLife);

        var json = JsonSerializer.Serialize(scores, Stored);
        var read = JsonSerializer.Deserialize<DecayingScores>(json, Stored)!;

        Assert.Equal("{\"reference\":\"2026-12-01T00:00:00+00:00\",\"values\":{\"shoes\":1,\"bags\":1}}", json);
        Assert.Equal(scores.At(Start.AddDays(40), HalfLife), read.At(Start.AddDays(40), HalfLife));
        var betweenGrains = JsonSerializer.Deserialize<DecayingScores>(JsonSerializer.Serialize(scores, BetweenGrains), BetweenGrains)!;
        Assert.Equal(scores.At(Start.AddDays(40), HalfLife), betweenGrains.At(Start.AddDays(40), HalfLife));
    }

    [Fact]
    public void AStoredListLongerThanTheCapacityKeepsItsStrongestKeys()
    {
        var stored = Enumerable.Range(1, DecayingScores.Capacity + 5).ToDictionary(i => $"cat-{i:00}", i => (double)i);
        var read = JsonSerializer.Deserialize<DecayingScores>(JsonSerializer.Serialize(new { reference = Start, values = stored }, Stored), Stored)!;

        Assert.Equal(DecayingScores.Capacity, read.Count);
        Assert.Equal(stored.Keys.Skip(5).Reverse(), read.At(Start, HalfLife).Select(pair => pair.Key));
    }

    [Fact]
    public void CountsAreStoredAsTheDictionaryWasAndReadBackFromIt()
    {
        var old = new Dictionary<EventType, long> { [EventType.Purchase] = 2, [EventType.View] = 7 };
        var counts = JsonSerializer.Deserialize<EventCounts>(JsonSerializer.Serialize(old, Stored), Stored)!;
        counts[EventType.Click]++;

        Assert.Equal((7L, 2L, 1L, 0L), (counts[EventType.View], counts[EventType.Purchase], counts[EventType.Click], counts[EventType.Review]));
        Assert.Equal("{\"View\":7,\"Click\":1,\"Purchase\":2}", JsonSerializer.Serialize(counts, Stored));
    }

    [Fact]
    public void CountsOfUnknownTypesAreDroppedAndANullReadsAsNone()
    {
        var counts = JsonSerializer.Deserialize<EventCounts>("{\"View\":3,\"Teleport\":5,\"99\":1}", Stored)!;
        var profile = JsonSerializer.Deserialize<UserProfile>("{\"totals\":null}", Stored)!;

        counts[(EventType)99]++; // a type of a newer version

        Assert.Equal("{\"View\":3}", JsonSerializer.Serialize(counts, Stored));
        Assert.Equal(0, counts[(EventType)99]);
        Assert.Equal(0, profile.Totals[EventType.View]);
    }

    /// <summary>The dictionary the scores were held in before (ties aside, which it broke by its own slot order).</summary>
    private sealed class Reference
    {
        private readonly Dictionary<string, double> values = new(StringComparer.Ordinal);
        private DateTimeOffset reference;

        public void Add(string key, double weight, DateTimeOffset at, TimeSpan halfLife)
        {
            if (values.Count == 0 || at > reference)
            {
                foreach (var k in values.Keys.ToList())
                {
                    values[k] *= Math.Pow(2, (reference - at) / halfLife);
                }

                reference = at;
            }

            values[key] = values.GetValueOrDefault(key) + (weight * Math.Pow(2, (at - reference) / halfLife));
            if (values.Count > DecayingScores.Capacity)
            {
                values.Remove(values.MinBy(pair => pair.Value).Key);
            }
        }

        public IReadOnlyList<(string Key, double Score)> At(DateTimeOffset now, TimeSpan halfLife) =>
            values.Select(pair => (pair.Key, pair.Value * Math.Pow(2, (reference - now) / halfLife)))
                .OrderByDescending(pair => pair.Item2).ThenBy(pair => pair.Item1, StringComparer.Ordinal).ToList();
    }
}
