namespace Platform.Domain.Modeling.UserScores;

/// <summary>
/// A user-score model's figures on held-out users (docs/models.md#user-scores): purchase propensity and churn risk
/// as classifiers (AUC, log-loss, calibration error), expected spend against what was spent (mean absolute error, and
/// the Spearman correlation of the ranking).
/// </summary>
public sealed record UserScoreEvaluation(
    int Users,
    int Purchasers,
    double PropensityAuc,
    double PropensityLogLoss,
    double PropensityCalibrationError,
    double ChurnAuc,
    double ChurnLogLoss,
    double ChurnCalibrationError,
    double SpendMae,
    double SpendSpearman)
{
    /// <summary>The figures of predictions for users whose outcomes are known.</summary>
    public static UserScoreEvaluation Of(
        IReadOnlyList<UserOutcome> outcomes, IReadOnlyList<double> propensity, IReadOnlyList<double> churn, IReadOnlyList<double> spend)
    {
        var purchased = outcomes.Select(o => o.Purchased).ToList();
        var churned = outcomes.Select(o => o.Churned).ToList();
        var spent = outcomes.Select(o => o.Spend).ToList();
        return new UserScoreEvaluation(
            outcomes.Count,
            purchased.Count(p => p),
            ClassificationMetrics.Auc(propensity, purchased),
            ClassificationMetrics.LogLoss(propensity, purchased),
            ClassificationMetrics.CalibrationError(propensity, purchased),
            ClassificationMetrics.Auc(churn, churned),
            ClassificationMetrics.LogLoss(churn, churned),
            ClassificationMetrics.CalibrationError(churn, churned),
            outcomes.Count == 0 ? double.NaN : Enumerable.Range(0, outcomes.Count).Average(i => Math.Abs(spend[i] - spent[i])),
            outcomes.Count < 2 ? double.NaN : Correlation.Spearman(spend, spent));
    }
}
