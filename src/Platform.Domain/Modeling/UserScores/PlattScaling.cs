namespace Platform.Domain.Modeling.UserScores;

/// <summary>
/// Platt scaling: a calibrated probability σ(A·logit + B), with A and B fitted on validation users by Newton's method on
/// the log-loss, so the probabilities a network gives match the rates that happen.
/// </summary>
public sealed record PlattScaling(double A, double B)
{
    public static readonly PlattScaling Identity = new(1, 0);

    public double Probability(double logit) => 1 / (1 + Math.Exp(-((A * logit) + B)));

    public static PlattScaling Fit(IReadOnlyList<double> logits, IReadOnlyList<bool> outcomes)
    {
        if (logits.Count != outcomes.Count)
        {
            throw new ArgumentException("One outcome per logit.");
        }

        if (outcomes.Count == 0 || outcomes.All(o => o) || outcomes.All(o => !o))
        {
            return Identity;
        }

        double a = 1, b = 0;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            // Gradient and Hessian of the mean log-loss in (a, b), with a small ridge so separable data stays finite.
            double ga = 1e-3 * (a - 1), gb = 0, haa = 1e-3, hab = 0, hbb = 1e-6;
            for (var i = 0; i < logits.Count; i++)
            {
                var p = 1 / (1 + Math.Exp(-((a * logits[i]) + b)));
                var residual = p - (outcomes[i] ? 1 : 0);
                var weight = Math.Max(p * (1 - p), 1e-12);
                ga += residual * logits[i] / logits.Count;
                gb += residual / logits.Count;
                haa += weight * logits[i] * logits[i] / logits.Count;
                hab += weight * logits[i] / logits.Count;
                hbb += weight / logits.Count;
            }

            var determinant = (haa * hbb) - (hab * hab);
            var (da, db) = (((hbb * ga) - (hab * gb)) / determinant, ((haa * gb) - (hab * ga)) / determinant);
            (a, b) = (a - da, b - db);
            if (Math.Abs(da) + Math.Abs(db) < 1e-9)
            {
                break;
            }
        }

        return new PlattScaling(a, b);
    }
}
