namespace Platform.Gateway.Api.Arguments;

/// <summary>Reads parsed input objects in ParseDictionary overrides.</summary>
public static class InputValues
{
    public static object? Get(this IDictionary<string, object?> input, string name) => input.TryGetValue(name, out var value) ? value : null;

    public static List<T>? GetList<T>(this IDictionary<string, object?> input, string name) =>
        (input.Get(name) as IEnumerable<object?>)?.Select(v => (T)v!).ToList();
}
