using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Domain.Imports;

namespace Platform.Ingestion.Imports;

/// <summary>Import options as stored on the job.</summary>
public static class ImportOptionsJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(ImportOptions options) => JsonSerializer.Serialize(options, Json);

    public static ImportOptions Deserialize(string json) => JsonSerializer.Deserialize<ImportOptions>(json, Json)!;

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);
}
