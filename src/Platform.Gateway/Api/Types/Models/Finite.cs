namespace Platform.Gateway.Api.Types.Models;

/// <summary>A metric that could not be computed is NaN in the registry and null on the wire (GraphQL floats are finite).</summary>
public static class Finite
{
    public static double? OrNull(double value) => double.IsFinite(value) ? value : null;
}
