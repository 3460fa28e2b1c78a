using System.IO.Compression;
using System.Text;
using Platform.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// Malformed files of every import kind through importDataset and a real worker: every job ends SUCCEEDED or FAILED
/// (with a reason), none stays RUNNING. docs/reliability.md has the counts.
/// </summary>
public sealed class CsvFuzzTests(PlatformWithWorker platform, ITestOutputHelper output) : IClassFixture<PlatformWithWorker>
{
    public static TheoryData<string> Kinds { get; } = new() { "USERS", "ITEMS", "EVENTS", "EXPERIMENT" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EveryMalformedFileEndsItsJob(string kind)
    {
        var (_, merchant) = await platform.CreateTenantAsync("csvfuzz");
        var valid = ValidFile(kind);
        var outcomes = new List<string>();
        foreach (var (what, file) in Malformed(valid))
        {
            var job = await ImportCalls.ImportAsync(platform.Http, merchant, kind, "fuzz.csv", file, kind == "EXPERIMENT" ? ExperimentOptions : null);
            var status = job.GetProperty("status").GetString();
            Assert.True(status is "SUCCEEDED" or "FAILED", $"{what}: {status}");
            if (status == "FAILED")
            {
                Assert.False(string.IsNullOrWhiteSpace(job.GetProperty("error").GetString()), $"{what}: FAILED without a reason");
            }

            var error = job.GetProperty("error").GetString();
            outcomes.Add($"{what}: {status} ({job.GetProperty("rowsAccepted").GetInt64()} accepted, {job.GetProperty("rowsRejected").GetInt64()} rejected){(error is null ? "" : $": {error[..Math.Min(error.Length, 120)]}")}");
        }

        output.WriteLine($"csv fuzz {kind}: {outcomes.Count} files\n  " + string.Join("\n  ", outcomes));
    }

    private static readonly object ExperimentOptions = new
    {
        experiment = new
        {
            name = "fuzz",
            userIdColumn = "id",
            assignmentColumn = "arm",
            controlValues = new[] { "0" },
            arms = new[] { new { value = "1", name = "coupon", type = "PERCENT_OFF" } },
            conversionColumn = "converted",
            revenueColumn = "revenue",
            windowDays = 30,
        },
    };

    private static string ValidFile(string kind) => kind switch
    {
        "USERS" => "id,age,region\nu1,30,north\nu2,41,south\n",
        "ITEMS" => "id,title,price,currency\ni1,Shoe,10.5,EUR\ni2,Hat,3,EUR\n",
        "EVENTS" => $"user_id,type,occurred_at,item_id,amount,currency\nu1,VIEW,{DateTimeOffset.UtcNow.AddHours(-1):O},i1,,\nu1,PURCHASE,{DateTimeOffset.UtcNow.AddMinutes(-5):O},i1,10.5,EUR\n",
        _ => "id,arm,converted,revenue\n1,0,0,0\n2,1,1,12.5\n3,1,0,0\n",
    };

    /// <summary>The valid file broken in the ways real uploads break (seeded, so every run sends the same bytes).</summary>
    private static IEnumerable<(string What, byte[] File)> Malformed(string valid)
    {
        var random = new Random(7);
        var header = valid[..valid.IndexOf('\n')];
        var row = valid.Split('\n')[1];
        yield return ("empty", []);
        yield return ("header only", Encoding.UTF8.GetBytes(header + "\n"));
        yield return ("NUL bytes in the header and a row", Encoding.UTF8.GetBytes(header.Insert(1, "\0") + "\n" + row.Insert(1, "\0") + "\n"));
        var noise = new byte[4096];
        random.NextBytes(noise);
        yield return ("4 KiB of random bytes", noise);
        yield return ("gzip of a valid file", Gzip(valid));
        yield return ("gzip of a valid file without its last bytes", Gzip(valid)[..^6]);
        yield return ("UTF-16 with a byte-order mark", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(valid)).ToArray());
        yield return ("a row of 10,000 cells", Encoding.UTF8.GetBytes(header + "\n" + string.Join(",", Enumerable.Repeat("x", 10_000)) + "\n"));
        yield return ("a quote never closed", Encoding.UTF8.GetBytes(header + "\n\"" + row + "\n" + row + "\n"));
        yield return ("CR-only line ends", Encoding.UTF8.GetBytes(valid.Replace('\n', '\r')));
        yield return ("a 1 MiB cell", Encoding.UTF8.GetBytes(header + "\n" + row.Replace(",", "," + new string('y', 1 << 20) + ",", StringComparison.Ordinal) + "\n"));
        yield return ("every column twice", Encoding.UTF8.GetBytes(header + "," + header + "\n" + row + "," + row + "\n"));
        var garbage = new StringBuilder(header).Append('\n');
        for (var i = 0; i < 1_000; i++)
        {
            garbage.AppendJoin(",", Enumerable.Range(0, header.Count(c => c == ',') + 1).Select(_ => RandomCell(random))).Append('\n');
        }

        yield return ("1,000 rows of random printable cells", Encoding.UTF8.GetBytes(garbage.ToString()));
    }

    private static string RandomCell(Random random)
    {
        const string Alphabet = "abcXYZ019 -_.:;'\"\\/@#€😀\t";
        return string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => Alphabet[random.Next(Alphabet.Length)]))
            .Replace("\"", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
    }

    private static byte[] Gzip(string text)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return compressed.ToArray();
    }
}
