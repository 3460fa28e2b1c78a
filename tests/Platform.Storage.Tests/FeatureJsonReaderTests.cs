using System.Text;
using System.Text.Json;
using Platform.Domain.Campaigns;
using Platform.Domain.Modeling;
using Platform.Storage.Audiences;

namespace Platform.Storage.Tests;

public sealed class FeatureJsonReaderTests
{
    [Fact]
    public void RowsReadAsTheGeneralDeserializerReadsThemWithEachNameAllocatedOnce()
    {
        var reader = new FeatureJsonReader();
        var random = new Random(4);
        Dictionary<string, FeatureValue>? previous = null;
        for (var row = 0; row < 200; row++)
        {
            var stored = Enumerable.Range(0, random.Next(0, 30)).ToDictionary(i => i % 3 == 0 ? $"affinity:cat-{i}" : $"f_{i}", _ => Math.Round((random.NextDouble() - 0.3) * 1e4, random.Next(0, 12)));
            var json = JsonSerializer.Serialize(stored);

            var read = reader.Read(json);

            Assert.Equal(
                JsonSerializer.Deserialize<Dictionary<string, double>>(json)!.OrderBy(p => p.Key),
                read.Select(p => KeyValuePair.Create(p.Key, p.Value.Number!.Value)).OrderBy(p => p.Key));
            if (previous is not null)
            {
                foreach (var name in read.Keys.Where(previous.ContainsKey))
                {
                    Assert.Same(previous.Keys.First(k => k == name), name);
                }
            }

            previous = read;
        }
    }

    [Theory]
    [InlineData("""{"a\u00e9\"b": 1, "x": 2}""", "aé\"b")]
    [InlineData("""{"a": 1, "a": 2}""", "a")]
    public void EscapedAndRepeatedNamesReadAsInJson(string json, string name)
    {
        var read = new FeatureJsonReader().Read(json);

        Assert.Equal(JsonSerializer.Deserialize<Dictionary<string, double>>(json)![name], read[name].Number);
    }

    [Fact]
    public void ANameLongerThanThePoolIsStillRead()
    {
        var name = new string('n', 300) + "é";

        Assert.Equal(3.5, new FeatureJsonReader().Read(JsonSerializer.Serialize(new Dictionary<string, double> { [name] = 3.5 }))[name].Number);
    }

    [Fact]
    public void EachValueIsAgedAsItIsRead()
    {
        var asOf = new DateTimeOffset(2026, 11, 1, 23, 0, 0, TimeSpan.Zero);
        var json = """{"recency_days": 3, "days_known": 40, "views_30": 7, "frequency_90": 2, "purchases": 5}""";

        var read = new FeatureJsonReader().Read(json, FeatureAging.Between(asOf, asOf.AddDays(31)), room: 4);

        Assert.Equal(
            new Dictionary<string, double> { ["recency_days"] = 34, ["days_known"] = 71, ["views_30"] = 0, ["frequency_90"] = 2, ["purchases"] = 5 }.OrderBy(p => p.Key),
            read.Select(p => KeyValuePair.Create(p.Key, p.Value.Number!.Value)).OrderBy(p => p.Key));
    }

    [Fact]
    public void StreamsOfAColumnLongerThanTheBufferAndThenShorterReadWhole()
    {
        var reader = new FeatureJsonReader();
        var names = Enumerable.Range(0, 400).Select(i => $"affinity:category-{i}").ToList();
        var stream = (string json) => new MemoryStream(Encoding.UTF8.GetBytes(json));

        var wide = reader.Read(stream(JsonSerializer.Serialize(names.ToDictionary(n => n, _ => 0.25))));
        var narrow = reader.Read(stream("""{"purchases": 2}"""));

        Assert.Equal(400, wide.Count);
        Assert.All(wide.Values, v => Assert.Equal(0.25, v.Number));
        Assert.Equal([KeyValuePair.Create("purchases", FeatureValue.Of(2))], narrow);
    }

    [Fact]
    public void AnythingButAnObjectIsRefused()
    {
        Assert.Throws<JsonException>(() => new FeatureJsonReader().Read("[1, 2]"));
    }
}
