using System.Text.Json;
using Platform.Storage.Audiences;

namespace Platform.Storage.Tests;

public sealed class FeatureJsonReaderTests
{
    [Fact]
    public void RowsReadAsTheGeneralDeserializerReadsThemWithEachNameAllocatedOnce()
    {
        var reader = new FeatureJsonReader();
        var random = new Random(4);
        Dictionary<string, double>? previous = null;
        for (var row = 0; row < 200; row++)
        {
            var stored = Enumerable.Range(0, random.Next(0, 30)).ToDictionary(i => i % 3 == 0 ? $"affinity:cat-{i}" : $"f_{i}", _ => Math.Round((random.NextDouble() - 0.3) * 1e4, random.Next(0, 12)));
            var json = JsonSerializer.Serialize(stored);

            var read = reader.Read(json);

            Assert.Equal(JsonSerializer.Deserialize<Dictionary<string, double>>(json)!.OrderBy(p => p.Key), read.OrderBy(p => p.Key));
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

        Assert.Equal(JsonSerializer.Deserialize<Dictionary<string, double>>(json)![name], read[name]);
    }

    [Fact]
    public void ANameLongerThanThePoolIsStillRead()
    {
        var name = new string('n', 300) + "é";

        Assert.Equal(3.5, new FeatureJsonReader().Read(JsonSerializer.Serialize(new Dictionary<string, double> { [name] = 3.5 }))[name]);
    }

    [Fact]
    public void AnythingButAnObjectIsRefused()
    {
        Assert.Throws<JsonException>(() => new FeatureJsonReader().Read("[1, 2]"));
    }
}
