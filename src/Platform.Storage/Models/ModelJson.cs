using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Storage.Models;

/// <summary>How a version's feature schema, metrics and training facts are written to and read from the registry (NaN stays NaN).</summary>
public static class ModelJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"The stored {typeof(T).Name} is empty.");
}
