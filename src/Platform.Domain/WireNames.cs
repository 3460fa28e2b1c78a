namespace Platform.Domain;

/// <summary>Wire and storage names of enums (campaign types, statuses, model tasks): PERCENT_OFF, IN_APP, …</summary>
public static class WireNames
{
    public static string ToWire<T>(T value)
        where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    public static bool TryParse<T>(string? wire, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (ToWire(candidate) == wire)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
