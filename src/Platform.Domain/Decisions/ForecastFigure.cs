namespace Platform.Domain.Decisions;

/// <summary>A forecast quantity: the point estimate with its 80% and 95% intervals.</summary>
public sealed record ForecastFigure(double Value, double Low80, double High80, double Low95, double High95)
{
    private const double Z80 = 1.2815515655446004;
    private const double Z95 = 1.959963984540054;

    /// <summary>A normal interval around <paramref name="value"/> with standard error <paramref name="error"/>.</summary>
    public static ForecastFigure Normal(double value, double error) =>
        new(value, value - (Z80 * error), value + (Z80 * error), value - (Z95 * error), value + (Z95 * error));

    /// <summary>The figure and its intervals times <paramref name="factor"/> (≥ 0): a total per user, a share of it.</summary>
    public ForecastFigure Times(double factor) => new(Value * factor, Low80 * factor, High80 * factor, Low95 * factor, High95 * factor);
}
