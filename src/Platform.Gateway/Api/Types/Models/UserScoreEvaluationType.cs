using GraphQL.Types;
using Platform.Domain.Modeling.UserScores;

namespace Platform.Gateway.Api.Types.Models;

public sealed class UserScoreEvaluationType : ObjectGraphType<UserScoreEvaluation>
{
    public UserScoreEvaluationType()
    {
        Name = "UserScoreEvaluation";
        Description = "A scorer's figures on the held-out users' next 30 days after the cutoff (docs/models.md#user-scores). A figure that cannot be computed is null.";
        Field(e => e.Users).Description("Held-out users scored.");
        Field(e => e.Purchasers).Description("Of them, those who bought in the 30 days.");
        Metric("propensityAuc", "Area under the ROC curve of the purchase propensity.", e => e.PropensityAuc);
        Metric("propensityLogLoss", "Mean log-loss of the purchase propensity.", e => e.PropensityLogLoss);
        Metric("propensityCalibrationError", "Expected calibration error of the purchase propensity (10 bins, weighted by users).", e => e.PropensityCalibrationError);
        Metric("churnAuc", "Area under the ROC curve of the churn risk (no event at all in the 30 days).", e => e.ChurnAuc);
        Metric("churnLogLoss", "Mean log-loss of the churn risk.", e => e.ChurnLogLoss);
        Metric("churnCalibrationError", "Expected calibration error of the churn risk.", e => e.ChurnCalibrationError);
        Metric("spendMae", "Mean absolute error of the expected 30-day spend, in the tenant's currency.", e => e.SpendMae);
        Metric("spendSpearman", "Spearman correlation of the expected spend with what was spent.", e => e.SpendSpearman);
    }

    private void Metric(string name, string description, Func<UserScoreEvaluation, double> value) =>
        Field<FloatGraphType>(name).Description(description).Resolve(ctx => Finite.OrNull(value(ctx.Source)));
}
