using Xunit.Sdk;

namespace Platform.Testing;

/// <summary>Assertions that show both values and the context a failure needs (a process's output, a response body).</summary>
public static class Expect
{
    public static void Equal<T>(T expected, T actual, string context)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new XunitException($"Expected: {expected}{Environment.NewLine}Actual:   {actual}{Environment.NewLine}{context}");
        }
    }
}
