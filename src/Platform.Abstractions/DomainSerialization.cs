using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Serialization;

namespace Platform.Abstractions;

/// <summary>
/// Pure domain records (Platform.Domain: events, profiles) travel between grains as JSON, so the domain
/// stays free of Orleans attributes. Wire records of our own carry [GenerateSerializer] instead.
/// </summary>
public static class DomainSerialization
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static ISerializerBuilder AddDomainTypes(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(
            isSupported: type => type.Namespace?.StartsWith("Platform.Domain", StringComparison.Ordinal) == true,
            jsonSerializerOptions: Options);
}
