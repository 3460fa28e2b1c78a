using Platform.Domain.Decisions;
using Platform.Domain.Events;
using Platform.Domain.Modeling;

namespace Platform.Domain.Tests.Decisions;

public sealed class DriverSampleTests
{
    [Fact]
    public void TheSampleIsTheSameWhateverOrderTheAudienceComesIn()
    {
        var ids = Enumerable.Range(0, 5_000).Select(i => $"shopper-{i}").ToList();
        var expected = ids.OrderBy(FeedLayout.HashOf).ThenBy(id => id, StringComparer.Ordinal).Take(DriverSample.Size).ToList();

        foreach (var order in new[] { ids, ids.AsEnumerable().Reverse().ToList(), Shuffled(ids) })
        {
            var sample = new DriverSample();
            foreach (var id in order)
            {
                sample.Offer(id, Features(id));
            }

            Assert.Equal(expected, sample.Users().Select(f => f["id"].Text));
        }
    }

    [Fact]
    public void ASmallAudienceIsSampledWhole()
    {
        var sample = new DriverSample();
        sample.Offer("b", Features("b"));
        sample.Offer("a", Features("a"));

        Assert.Equal(["a", "b"], sample.Users().Select(f => f["id"].Text).Order(StringComparer.Ordinal));
    }

    private static List<string> Shuffled(List<string> ids)
    {
        var random = new Random(7); // seeded: a failure repeats
        return [.. ids.OrderBy(_ => random.Next())];
    }

    private static Dictionary<string, FeatureValue> Features(string id) => new() { ["id"] = new FeatureValue(null, id) };
}
