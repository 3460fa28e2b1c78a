using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Gateway.Api.Types.Audiences;

/// <summary>Audiences and rules as JSON in the shape of their GraphQL inputs, for fields that echo them.</summary>
public static class AudienceJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
