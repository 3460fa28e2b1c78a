namespace Platform.Domain.Measurement;

/// <summary>
/// How big an effect the always-valid interval can tell from zero, and how many users that takes. An effect counts as
/// detectable at n users when, with 80% power, the lift's always-valid interval excludes zero: half-width(n) + z₀.₈·se(n) ≤ |effect|.
/// The spread per user s = se·√n is taken as it is now (or, before launch, from the forecast's conversion rates), so
/// se(n) = s/√n.
/// </summary>
public static class Detection
{
    /// <summary>The one-sided normal quantile of 80% power.</summary>
    public const double Z80 = 0.8416212335729143;

    public const long MaxUsers = 1_000_000_000_000;

    /// <summary>The smallest lift the always-valid interval would detect with 80% power at <paramref name="users"/> users.</summary>
    public static double MinimumDetectableEffect(double spreadPerUser, long users)
    {
        var standardError = spreadPerUser / Math.Sqrt(users);
        return ConfidenceSequence.HalfWidth(standardError, users) + (Z80 * standardError);
    }

    /// <summary>The users (both sides) at which <paramref name="effect"/> becomes detectable; null when it never would (zero effect or no spread).</summary>
    public static long? UsersNeeded(double spreadPerUser, double effect)
    {
        if (!(Math.Abs(effect) > 0) || !(spreadPerUser > 0) || !double.IsFinite(spreadPerUser / effect))
        {
            return null;
        }

        // The detectable effect falls as users grow (from a few users on): bisect on it.
        long low = 2, high = 2;
        while (MinimumDetectableEffect(spreadPerUser, high) > Math.Abs(effect))
        {
            if (high >= MaxUsers)
            {
                return null;
            }

            low = high;
            high = Math.Min(MaxUsers, high * 2);
        }

        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            (low, high) = MinimumDetectableEffect(spreadPerUser, middle) > Math.Abs(effect) ? (middle, high) : (low, middle);
        }

        return high;
    }

    /// <summary>
    /// The spread per user of a conversion-rate lift with a share <paramref name="holdoutShare"/> of users held out:
    /// √(p₁(1 − p₁)/(1 − h) + p₀(1 − p₀)/h), so that se = spread/√n with n users on both sides.
    /// </summary>
    public static double ConversionSpread(double treatedRate, double controlRate, double holdoutShare)
    {
        double Bernoulli(double p) => Math.Clamp(p, 0, 1) * (1 - Math.Clamp(p, 0, 1));
        return Math.Sqrt((Bernoulli(treatedRate) / (1 - holdoutShare)) + (Bernoulli(controlRate) / holdoutShare));
    }
}
