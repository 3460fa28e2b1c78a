using System.Globalization;
using System.Text;

namespace Platform.IntegrationTests.Support;

/// <summary>
/// A randomized experiment as a merchant would export it: one row per user with two feature columns, the arm, and the
/// outcome. The offer lifts conversion for users under 35 only, so a model has an effect to find.
/// </summary>
public static class SyntheticExperiment
{
    public static readonly object Options = new
    {
        experiment = new
        {
            name = "spring",
            userIdColumn = "id",
            assignmentColumn = "offer",
            controlValues = new[] { "0" },
            arms = new[] { new { value = "1", name = "ten-off", type = "PERCENT_OFF", amount = 10, channel = "EMAIL" } },
            conversionColumn = "bought",
            revenueColumn = "revenue",
            windowDays = 14,
        },
    };

    public static byte[] Csv(int users, int seed = 3)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("id,age,visits,offer,bought,revenue\n");
        for (var i = 0; i < users; i++)
        {
            var age = random.Next(18, 70);
            var visits = random.Next(0, 20);
            var offer = random.NextDouble() < 0.5;
            var rate = 0.05 + (0.01 * visits) + (offer && age < 35 ? 0.15 : 0);
            var bought = random.NextDouble() < rate;
            var revenue = bought ? Math.Round(20 + (random.NextDouble() * 60), 2) : 0;
            csv.Append(CultureInfo.InvariantCulture, $"u{i},{age},{visits},{(offer ? 1 : 0)},{(bought ? 1 : 0)},{revenue}\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
