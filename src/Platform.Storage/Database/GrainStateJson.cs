using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Storage.Database;

/// <summary>
/// How grain state is stored in orleans.grain_state: plain JSON with no .NET type names in it, so renaming or moving a
/// state class never breaks stored state. Unknown properties are ignored and missing ones take their defaults, so adding
/// a property is a compatible change. The grains' storage serializer and the bulk snapshot writer share it.
/// </summary>
public static class GrainStateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };
}
