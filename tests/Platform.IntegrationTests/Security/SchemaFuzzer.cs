using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// Requests built from the schema's introspection: for every argument of every query and mutation, the field called
/// with valid-looking values for its other arguments and one malformed or extreme value for this one (wrong types,
/// NUL and bidirectional characters, huge strings and lists, overflowing and negative numbers, impossible dates,
/// unknown enum values, unknown and missing input fields, deep nesting).
/// </summary>
public sealed class SchemaFuzzer
{
    private const int MaxInputDepth = 2;
    private readonly Dictionary<string, JsonElement> types;

    public SchemaFuzzer(JsonElement schema)
    {
        types = schema.GetProperty("types").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Query = schema.GetProperty("queryType").GetProperty("name").GetString()!;
        Mutation = schema.GetProperty("mutationType").GetProperty("name").GetString()!;
        Subscription = schema.GetProperty("subscriptionType").GetProperty("name").GetString()!;
    }

    public string Query { get; }

    public string Mutation { get; }

    public string Subscription { get; }

    public sealed record Case(string Field, string Argument, string Document, JsonObject Variables)
    {
        public override string ToString() => $"{Field}({Argument}: {Shorten(Variables[Argument]?.ToJsonString() ?? "null")})";

        private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
    }

    /// <summary>Every case for the fields of the operation type (Query or Mutation).</summary>
    public IEnumerable<Case> Cases(string operationType)
    {
        var keyword = Keyword(operationType);
        foreach (var field in types[operationType].GetProperty("fields").EnumerateArray())
        {
            var name = field.GetProperty("name").GetString()!;
            var arguments = field.GetProperty("args").EnumerateArray().ToList();
            var declarations = string.Join(", ", arguments.Select(a => $"${a.GetProperty("name").GetString()}: {TypeText(a.GetProperty("type"))}"));
            var passing = string.Join(", ", arguments.Select(a => $"{a.GetProperty("name").GetString()}: ${a.GetProperty("name").GetString()}"));
            var selection = IsLeaf(field.GetProperty("type")) ? "" : " { __typename }";
            var document = arguments.Count == 0 ? $"{keyword} {{ {name}{selection} }}" : $"{keyword}({declarations}) {{ {name}({passing}){selection} }}";
            foreach (var argument in arguments)
            {
                var argumentName = argument.GetProperty("name").GetString()!;
                foreach (var hostile in Hostile(argument.GetProperty("type"), 0))
                {
                    var variables = new JsonObject();
                    foreach (var other in arguments)
                    {
                        var otherName = other.GetProperty("name").GetString()!;
                        variables[otherName] = otherName == argumentName ? hostile?.DeepClone() : Plausible(other.GetProperty("type"), 0);
                    }

                    yield return new Case(name, argumentName, document, variables);
                }
            }
        }
    }

    private string Keyword(string operationType) => operationType == Mutation ? "mutation" : operationType == Subscription ? "subscription" : "query";

    /// <summary>The root fields of the operation type (Query, Mutation or Subscription).</summary>
    public IEnumerable<string> Fields(string operationType) =>
        types[operationType].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()!);

    /// <summary>
    /// One call of a root field with plausible arguments, except those <paramref name="ids"/> chooses a value for (it is
    /// asked for each argument whose named type is ID), selecting the scalars of what it returns <paramref name="levels"/>
    /// levels down (0: <c>__typename</c> only).
    /// </summary>
    public Case Call(string operationType, string fieldName, Func<bool, JsonNode?>? ids = null, int levels = 2)
    {
        var keyword = Keyword(operationType);
        var field = types[operationType].GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == fieldName);
        var arguments = field.GetProperty("args").EnumerateArray().ToList();
        var variables = new JsonObject();
        foreach (var argument in arguments)
        {
            var type = argument.GetProperty("type");
            var (named, isList) = Named(type);
            variables[argument.GetProperty("name").GetString()!] = ids is not null && named == "ID" ? ids(isList) : Plausible(type, 0);
        }

        var declarations = string.Join(", ", arguments.Select(a => $"${a.GetProperty("name").GetString()}: {TypeText(a.GetProperty("type"))}"));
        var passing = string.Join(", ", arguments.Select(a => $"{a.GetProperty("name").GetString()}: ${a.GetProperty("name").GetString()}"));
        var call = arguments.Count == 0 ? fieldName : $"{fieldName}({passing})";
        var head = arguments.Count == 0 ? keyword : $"{keyword}({declarations})";
        return new Case(fieldName, "", $"{head} {{ {call}{Selection(field.GetProperty("type"), levels)} }}", variables);
    }

    private string Selection(JsonElement type, int levels)
    {
        var (named, _) = Named(type);
        var graphType = types[named];
        if (graphType.GetProperty("kind").GetString() is "SCALAR" or "ENUM")
        {
            return "";
        }

        var selected = new List<string> { "__typename" };
        if (levels > 0 && graphType.GetProperty("fields").ValueKind == JsonValueKind.Array)
        {
            foreach (var field in graphType.GetProperty("fields").EnumerateArray())
            {
                if (field.GetProperty("args").EnumerateArray().Any(a => a.GetProperty("type").GetProperty("kind").GetString() == "NON_NULL"))
                {
                    continue;
                }

                var (inner, _) = Named(field.GetProperty("type"));
                var leaf = types[inner].GetProperty("kind").GetString() is "SCALAR" or "ENUM";
                if (leaf || levels > 1)
                {
                    selected.Add(field.GetProperty("name").GetString()! + (leaf ? "" : Selection(field.GetProperty("type"), levels - 1)));
                }
            }
        }

        return $" {{ {string.Join(" ", selected)} }}";
    }

    private static (string Name, bool IsList) Named(JsonElement type)
    {
        var isList = false;
        while (type.GetProperty("kind").GetString() is "NON_NULL" or "LIST")
        {
            isList |= type.GetProperty("kind").GetString() == "LIST";
            type = type.GetProperty("ofType");
        }

        return (type.GetProperty("name").GetString()!, isList);
    }

    /// <summary>A value of the type that could pass: what the other arguments of a case get.</summary>
    private JsonNode? Plausible(JsonElement type, int depth)
    {
        switch (type.GetProperty("kind").GetString())
        {
            case "NON_NULL":
                return Plausible(type.GetProperty("ofType"), depth);
            case "LIST":
                return new JsonArray(Plausible(type.GetProperty("ofType"), depth));
        }

        var named = types[type.GetProperty("name").GetString()!];
        return named.GetProperty("kind").GetString() switch
        {
            "ENUM" => JsonValue.Create(named.GetProperty("enumValues")[0].GetProperty("name").GetString()),
            "INPUT_OBJECT" when depth < MaxInputDepth => RequiredFields(named, depth + 1),
            "INPUT_OBJECT" => new JsonObject(),
            _ => PlausibleScalar(named.GetProperty("name").GetString()!),
        };
    }

    private JsonObject RequiredFields(JsonElement inputObject, int depth)
    {
        var value = new JsonObject();
        foreach (var field in inputObject.GetProperty("inputFields").EnumerateArray())
        {
            if (field.GetProperty("type").GetProperty("kind").GetString() == "NON_NULL" && field.GetProperty("defaultValue").ValueKind == JsonValueKind.Null)
            {
                value[field.GetProperty("name").GetString()!] = Plausible(field.GetProperty("type"), depth);
            }
        }

        return value;
    }

    private static JsonNode? PlausibleScalar(string scalar) => scalar switch
    {
        "Int" or "Long" => 1,
        "Float" or "Decimal" => 1.5,
        "Boolean" => true,
        "DateTimeOffset" => "2026-12-01T00:00:00Z",
        "DateOnly" => "2026-12-01",
        "Upload" => null,
        _ => "x1",
    };

    /// <summary>The malformed and extreme values tried for an argument of this type.</summary>
    private IEnumerable<JsonNode?> Hostile(JsonElement type, int depth)
    {
        var kind = type.GetProperty("kind").GetString();
        if (kind == "NON_NULL")
        {
            yield return null;
            foreach (var value in Hostile(type.GetProperty("ofType"), depth))
            {
                yield return value;
            }

            yield break;
        }

        if (kind == "LIST")
        {
            var item = type.GetProperty("ofType");
            yield return new JsonArray();
            yield return new JsonArray((JsonNode?)null);
            yield return new JsonArray(Enumerable.Range(0, 2_000).Select(_ => Plausible(item, MaxInputDepth)).ToArray());
            foreach (var value in Hostile(item, depth).Take(40))
            {
                yield return new JsonArray(Plausible(item, MaxInputDepth), value?.DeepClone());
            }

            yield break;
        }

        var named = types[type.GetProperty("name").GetString()!];
        switch (named.GetProperty("kind").GetString())
        {
            case "ENUM":
                yield return "NOT_A_VALUE";
                yield return named.GetProperty("enumValues")[0].GetProperty("name").GetString()!.ToLowerInvariant();
                yield return 1;
                break;
            case "INPUT_OBJECT":
                foreach (var value in HostileObjects(named, depth))
                {
                    yield return value;
                }

                break;
            default:
                foreach (var value in HostileScalars(named.GetProperty("name").GetString()!))
                {
                    yield return value;
                }

                break;
        }
    }

    private IEnumerable<JsonNode?> HostileObjects(JsonElement inputObject, int depth)
    {
        yield return new JsonObject();
        yield return "not an object";
        var unknown = RequiredFields(inputObject, depth + 1);
        unknown["notAField"] = 1;
        yield return unknown;
        JsonNode nested = new JsonObject();
        for (var i = 0; i < 200; i++)
        {
            nested = new JsonObject { ["a"] = nested };
        }

        yield return nested;
        if (depth >= MaxInputDepth)
        {
            yield break;
        }

        foreach (var field in inputObject.GetProperty("inputFields").EnumerateArray())
        {
            foreach (var value in Hostile(field.GetProperty("type"), depth + 1).Take(8))
            {
                var withField = RequiredFields(inputObject, depth + 1);
                withField[field.GetProperty("name").GetString()!] = value?.DeepClone();
                yield return withField;
            }
        }
    }

    private static IEnumerable<JsonNode?> HostileScalars(string scalar)
    {
        switch (scalar)
        {
            case "Int" or "Long":
                foreach (var value in new JsonNode?[] { -1, 0, int.MaxValue, int.MinValue, long.MaxValue, 1.5, "1", JsonNode.Parse("1e400") })
                {
                    yield return value;
                }

                break;
            case "Float" or "Decimal":
                foreach (var value in new JsonNode?[] { -1.0, 0.0, 1e308, -1e308, 5e-324, JsonNode.Parse("1e400"), "NaN", "Infinity", JsonNode.Parse("123456789012345678901234567890.123456789") })
                {
                    yield return value;
                }

                break;
            case "Boolean":
                yield return "true";
                yield return 0;
                break;
            case "DateTimeOffset" or "DateOnly":
                foreach (var value in new JsonNode?[] { "2026-13-45T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "", "now", 1_700_000_000 })
                {
                    yield return value;
                }

                break;
            case "Upload":
                yield return "not a file";
                break;
            default: // String, ID
                foreach (var value in new JsonNode?[] { "", " ", "a\u0000b", "\u202Egnp.exe", "' OR 1=1 --", "../../etc/passwd", "😀", new string('x', 100_000), 42, "x1 " })
                {
                    yield return value;
                }

                break;
        }
    }

    private static bool IsLeaf(JsonElement type)
    {
        while (type.GetProperty("kind").GetString() is "NON_NULL" or "LIST")
        {
            type = type.GetProperty("ofType");
        }

        return type.GetProperty("kind").GetString() is "SCALAR" or "ENUM";
    }

    private static string TypeText(JsonElement type) => type.GetProperty("kind").GetString() switch
    {
        "NON_NULL" => TypeText(type.GetProperty("ofType")) + "!",
        "LIST" => $"[{TypeText(type.GetProperty("ofType"))}]",
        _ => type.GetProperty("name").GetString()!,
    };
}
