using System.Text.Json;

namespace Platform.IntegrationTests.Support;

/// <summary>importDataset and importJob as a client calls them.</summary>
public static class ImportCalls
{
    public const string Import = """
        mutation($kind: ImportKind!, $file: Upload!, $options: ImportOptionsInput) {
          importDataset(kind: $kind, file: $file, options: $options) { id status }
        }
        """;

    public const string Job = """
        query($id: ID!) {
          importJob(id: $id) {
            id status error rowsRead rowsAccepted rowsUnchanged rowsDuplicate rowsRejected rowsDropped profilesToFold profilesFolded ignoredColumns
            rejections(first: 50) { nodes { line field rule message } }
            campaigns { campaignId name holdoutShare arms { arm customers participants converters conversions conversionRate converterRate revenue revenuePerCustomer } }
            unbalancedColumns { column arm standardizedDifference feature }
          }
        }
        """;

    /// <summary>Uploads the file and waits until the worker has finished the import.</summary>
    public static async Task<JsonElement> ImportAsync(GraphQLHttp http, string key, string kind, string fileName, byte[] file, object? options = null)
    {
        var started = await http.UploadAsync(key, Import, new Dictionary<string, object?> { ["kind"] = kind, ["options"] = options }, fileName, file);
        started.AssertSuccess();
        return await WaitAsync(http, key, started.Data.GetProperty("importDataset").GetProperty("id").GetString()!);
    }

    /// <summary>Waits until the worker has finished the import.</summary>
    public static async Task<JsonElement> WaitAsync(GraphQLHttp http, string key, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var response = await http.PostAsync(key, Job, new { id });
            response.AssertSuccess();
            var job = response.Data.GetProperty("importJob");
            if (job.GetProperty("status").GetString() is "SUCCEEDED" or "FAILED")
            {
                return job;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"import {id} did not finish: {job}");
            }

            await Task.Delay(250);
        }
    }
}
