using System.Globalization;
using System.Text;
using System.Text.Json;
using Platform.Domain.Imports;

namespace Platform.Cli.Commands;

/// <summary>
/// Scores the users listed in a CSV under a design with scoreShoppers and writes a targeting list as CSV, highest
/// expected incremental margin first (docs/forecasts.md#a-targeting-list-from-the-command-line). Users the tenant does
/// not know (no events, no attributes) cannot be scored and are counted on the progress output.
/// </summary>
public sealed class TargetCommand(GraphQLClient client, TextWriter progress)
{
    /// <summary>Users per call: each node holds two estimates, and 500 nodes stay under the complexity limit.</summary>
    public const int UsersPerCall = 500;

    private const string Query = """
        query($d: CampaignDesignInput!, $a: AudienceInput!, $first: Int) {
          scoreShoppers(design: $d, audience: $a, first: $first) {
            nodes { userId conversionWithout conversionWith uplift { value low high } revenueWithout revenueWith incrementalMargin { value low high } participation }
          }
        }
        """;

    public async Task<int> RunAsync(string key, string designFile, string audienceFile, string? idColumn, TextWriter output, CancellationToken cancellationToken)
    {
        var design = ReadDesign(designFile);
        var ids = ReadIds(audienceFile, idColumn);
        var rows = new List<JsonElement>();
        var asked = 0;
        foreach (var chunk in ids.Chunk(UsersPerCall))
        {
            var page = (await client.ExecuteAsync(key, Query, new { d = design, a = new { userIds = chunk }, first = chunk.Length }, cancellationToken)).GetProperty("scoreShoppers");
            rows.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => n.Clone()));
            asked += chunk.Length;
            await progress.WriteLineAsync($"scored {asked} of {ids.Count} users");
        }

        if (rows.Count < ids.Count)
        {
            await progress.WriteLineAsync($"{ids.Count - rows.Count} users are unknown to the tenant (no events, no attributes) and were not scored; import them first (platform import users).");
        }

        await output.WriteLineAsync("user_id,conversion_without,conversion_with,uplift,uplift_low,uplift_high,revenue_without,revenue_with,incremental_margin,margin_low,margin_high,participation");
        // Margins tie (all 0) under a version without order values (docs/forecasts.md#without-revenue): the uplift orders them then.
        foreach (var row in rows.OrderByDescending(r => r.GetProperty("incrementalMargin").GetProperty("value").GetDouble())
                     .ThenByDescending(r => r.GetProperty("uplift").GetProperty("value").GetDouble()).ThenBy(r => r.GetProperty("userId").GetString(), StringComparer.Ordinal))
        {
            double N(string name) => row.GetProperty(name).GetDouble();
            double E(string name, string part) => row.GetProperty(name).GetProperty(part).GetDouble();
            await output.WriteLineAsync(string.Join(',', [
                Quote(row.GetProperty("userId").GetString()!),
                .. new[] { N("conversionWithout"), N("conversionWith"), E("uplift", "value"), E("uplift", "low"), E("uplift", "high"), N("revenueWithout"), N("revenueWith"),
                    E("incrementalMargin", "value"), E("incrementalMargin", "low"), E("incrementalMargin", "high"), N("participation") }
                    .Select(v => v.ToString("0.######", CultureInfo.InvariantCulture)),
            ]));
        }

        return 0;
    }

    private static JsonElement ReadDesign(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file} is not a JSON design: {e.Message}");
        }
    }

    /// <summary>The ids in the CSV's id column (named by <paramref name="idColumn"/>, else id, userId or user_id), in file order, without repeats.</summary>
    public static IReadOnlyList<string> ReadIds(string file, string? idColumn)
    {
        using var reader = new StreamReader(file, Encoding.UTF8);
        var header = Split(reader.ReadLine() ?? throw new InvalidDataException($"{file} is empty."));
        var wanted = idColumn is null ? ["id", "userid"] : new[] { CellReader.Normalize(idColumn) };
        var index = header.FindIndex(h => wanted.Contains(CellReader.Normalize(h)));
        if (index < 0)
        {
            throw new InvalidDataException($"{file} has no {(idColumn ?? "id or userId")} column; its columns are {string.Join(", ", header)}.");
        }

        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && Split(line) is { } cells && cells.Count > index && cells[index].Trim() is { Length: > 0 } id && seen.Add(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    // One CSV line: commas separate cells; a quoted cell may hold commas and doubled quotes.
    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private static string Quote(string value) => value.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
