using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// Uploads a CSV file with importDataset (a GraphQL multipart request), then follows the job with importJob
/// until the worker finishes (<see cref="ConsoleProgress"/>), and prints a summary.
/// </summary>
public sealed class ImportCommand(HttpClient http, Uri endpoint, GraphQLClient client, IAnsiConsole console)
{
    private const string StartMutation = """
        mutation($kind: ImportKind!, $file: Upload!, $options: ImportOptionsInput) {
          importDataset(kind: $kind, file: $file, options: $options) { id }
        }
        """;

    private const string JobQuery = """
        query($id: ID!) {
          importJob(id: $id) {
            status error rowsRead rowsAccepted rowsUnchanged rowsDuplicate rowsRejected rowsDropped profilesToFold profilesFolded ignoredColumns
            rejections(first: 10) { nodes { line field rule message } }
            campaigns { campaignId arms { arm customers converters conversions conversionRate revenue revenuePerCustomer } }
            unbalancedColumns { column arm standardizedDifference feature }
          }
        }
        """;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public async Task<int> RunAsync(string apiKey, string kind, string filePath, string? optionsPath, CancellationToken cancellationToken)
    {
        var options = optionsPath is null ? null : JsonNode.Parse(await File.ReadAllTextAsync(optionsPath, cancellationToken));
        var job = await ImportAsync(apiKey, kind, filePath, options, cancellationToken);
        return job.GetProperty("status").GetString() == "SUCCEEDED" ? 0 : 1;
    }

    /// <summary>Imports the file, prints the summary, and returns the finished importJob.</summary>
    public async Task<JsonElement> ImportAsync(string apiKey, string kind, string filePath, JsonNode? options, CancellationToken cancellationToken)
    {
        if (!File.Exists(filePath))
        {
            throw new InvalidOperationException($"{filePath} does not exist.");
        }

        options = WithFormatOfName(filePath, options);
        var format = options?["format"]?.GetValue<string>();
        var hasHeader = options?["columnNames"] is null && format != "JSON_LINES";
        long? expectedRows = format == "EXCEL" ? null : await CountDataLinesAsync(filePath, hasHeader, cancellationToken);
        var id = await UploadAsync(apiKey, kind.ToUpperInvariant(), filePath, options, cancellationToken);
        console.MarkupLineInterpolated($"Import [bold]{id}[/] of {Path.GetFileName(filePath)} queued ({(expectedRows is { } lines ? $"{lines:N0} lines" : "rows counted as they are read")}).");
        var job = await FollowAsync(apiKey, id, kind.ToUpperInvariant(), expectedRows ?? 0, cancellationToken);
        PrintSummary(job);
        return job;
    }

    /// <summary>
    /// Options that name no format get the one the file's name says: .xlsx and .xls are EXCEL, .jsonl and .ndjson
    /// (gzipped or not) JSON_LINES; anything else stays CSV (docs/cli.md#import).
    /// </summary>
    public static JsonNode? WithFormatOfName(string filePath, JsonNode? options)
    {
        if (options?["format"] is not null)
        {
            return options;
        }

        var name = Path.GetFileName(filePath).ToLowerInvariant();
        name = name.EndsWith(".gz", StringComparison.Ordinal) ? name[..^3] : name;
        var format = Path.GetExtension(name) switch
        {
            ".xlsx" or ".xls" => "EXCEL",
            ".jsonl" or ".ndjson" => "JSON_LINES",
            _ => null,
        };
        if (format is null)
        {
            return options;
        }

        var withFormat = options?.DeepClone().AsObject() ?? [];
        withFormat["format"] = format;
        return withFormat;
    }

    private async Task<string> UploadAsync(string apiKey, string kind, string filePath, JsonNode? options, CancellationToken cancellationToken)
    {
        var operations = new JsonObject
        {
            ["query"] = StartMutation,
            ["variables"] = new JsonObject { ["kind"] = kind, ["file"] = null, ["options"] = options },
        };
        await using var file = File.OpenRead(filePath);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(operations.ToJsonString()), "operations" },
            { new StringContent("""{"0": ["variables.file"]}"""), "map" },
            { new StreamContent(file), "0", Path.GetFileName(filePath) },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.Add("X-Api-Key", apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        using var response = await http.SendAsync(request, cancellationToken);
        var data = GraphQLClient.ReadResponse((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        return data.GetProperty("importDataset").GetProperty("id").GetString()!;
    }

    private Task<JsonElement> FollowAsync(string apiKey, string id, string kind, long expectedRows, CancellationToken cancellationToken)
    {
        var line = new ProgressLine("import", expectedRows) { Status = "queued" };
        // Only events imports fold profiles after their rows (docs/imports.md#history-and-profiles).
        var profiles = new ProgressLine("profiles", 1) { Status = "after the rows" };
        return ConsoleProgress.RunAsync(console, kind == "EVENTS" ? [line, profiles] : [line], async () =>
        {
            while (true)
            {
                var job = (await client.ExecuteAsync(apiKey, JobQuery, new { id }, cancellationToken)).GetProperty("importJob");
                var status = job.GetProperty("status").GetString()!;
                line.Value = job.GetProperty("rowsRead").GetInt64();
                line.Total = Math.Max(line.Total, line.Value); // a workbook's rows are not counted beforehand
                line.Status = status.ToLowerInvariant();
                if (job.GetProperty("profilesToFold").GetInt64() is > 0 and var toFold)
                {
                    profiles.Total = toFold;
                    profiles.Value = job.GetProperty("profilesFolded").GetInt64();
                    profiles.Status = "folding";
                }

                if (status is "SUCCEEDED" or "FAILED")
                {
                    if (status == "SUCCEEDED")
                    {
                        profiles.Value = profiles.Total;
                        profiles.Status = profiles.Status == "folding" ? "folded" : "none to fold";
                    }
                    else
                    {
                        profiles.Status = "stopped";
                    }

                    return job;
                }

                await Task.Delay(PollInterval, cancellationToken);
            }
        });
    }

    private void PrintSummary(JsonElement job)
    {
        var status = job.GetProperty("status").GetString();
        if (job.GetProperty("error").GetString() is { } error)
        {
            console.MarkupLineInterpolated($"[red]{status}[/]: {error}");
            return;
        }

        var counts = new Table().AddColumns("read", "accepted", "unchanged", "duplicate", "rejected", "dropped");
        counts.AddRow(new[] { "rowsRead", "rowsAccepted", "rowsUnchanged", "rowsDuplicate", "rowsRejected", "rowsDropped" }.Select(c => job.GetProperty(c).GetInt64().ToString("N0")).ToArray());
        console.MarkupLineInterpolated($"[green]{status}[/]");
        console.Write(counts);

        var rejections = job.GetProperty("rejections").GetProperty("nodes");
        if (rejections.GetArrayLength() > 0)
        {
            var table = new Table().Title("first rejections").AddColumns("line", "field", "rule", "message");
            foreach (var r in rejections.EnumerateArray())
            {
                table.AddRow(Markup.Escape(r.GetProperty("line").ToString()), Markup.Escape(r.GetProperty("field").GetString() ?? ""), Markup.Escape(r.GetProperty("rule").GetString() ?? ""), Markup.Escape(r.GetProperty("message").GetString() ?? ""));
            }

            console.Write(table);
        }

        foreach (var campaign in job.GetProperty("campaigns").EnumerateArray())
        {
            var table = new Table().Title(Markup.Escape(campaign.GetProperty("campaignId").GetString()!))
                .AddColumns("side", "customers", "converters", "conversions", "conversions/customer", "revenue", "revenue/customer");
            foreach (var arm in campaign.GetProperty("arms").EnumerateArray())
            {
                table.AddRow(
                    arm.GetProperty("arm").GetString()!,
                    arm.GetProperty("customers").GetInt64().ToString("N0"),
                    Cell(arm, "converters", v => v.GetInt64().ToString("N0")),
                    Cell(arm, "conversions", v => v.GetInt64().ToString("N0")),
                    Cell(arm, "conversionRate", v => v.GetDouble().ToString("P2")),
                    Cell(arm, "revenue", v => v.GetDecimal().ToString("N2")),
                    Cell(arm, "revenuePerCustomer", v => v.GetDecimal().ToString("N2")));
            }

            console.Write(table);
        }

        foreach (var column in job.GetProperty("unbalancedColumns").EnumerateArray())
        {
            var difference = column.GetProperty("standardizedDifference") is { ValueKind: JsonValueKind.Number } d ? $"{d.GetDouble():0.###} standard deviations" : "constant on each side";
            console.MarkupLineInterpolated(
                $"[yellow]Column {column.GetProperty("column").GetString()} differs between control and {column.GetProperty("arm").GetString()} ({difference}): measured after assignment? {(column.GetProperty("feature").GetBoolean() ? "A feature, as featureColumns lists it." : "Not a feature.")}[/]");
        }

        if (job.GetProperty("ignoredColumns").GetArrayLength() > 0)
        {
            console.MarkupLineInterpolated($"Ignored columns: {string.Join(", ", job.GetProperty("ignoredColumns").EnumerateArray().Select(c => c.GetString()))}");
        }
    }

    // An outcome no row has a value for is null: shown as a dash, not as zero.
    private static string Cell(JsonElement arm, string name, Func<JsonElement, string> format) =>
        arm.GetProperty(name) is { ValueKind: JsonValueKind.Null } ? "—" : format(arm.GetProperty(name));

    /// <summary>
    /// Lines after the header, if any: the progress bar's length (a quoted cell with line breaks makes it an upper
    /// bound). A gzip file's lines are counted decompressed, as the worker reads it; a zip archive's are not counted.
    /// </summary>
    private static async Task<long?> CountDataLinesAsync(string path, bool hasHeader, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var signature = new byte[4];
        var signed = await file.ReadAtLeastAsync(signature, 4, throwOnEndOfStream: false, cancellationToken);
        if (signed == 4 && signature is [0x50, 0x4B, 0x03, 0x04])
        {
            return null; // a zip archive: the worker picks its file
        }

        var gzip = signed >= 2 && signature is [0x1F, 0x8B, ..];
        file.Position = 0;
        await using var stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        var buffer = new byte[1 << 16];
        long lines = 0;
        var last = (byte)'\n';
        int read;
        try
        {
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
                last = buffer[read - 1];
            }
        }
        catch (InvalidDataException)
        {
            // a broken gzip file: the worker fails the import saying so; the bar counts what could be read
        }

        return Math.Max(0, lines + (last == '\n' ? 0 : 1) - (hasHeader ? 1 : 0));
    }
}
