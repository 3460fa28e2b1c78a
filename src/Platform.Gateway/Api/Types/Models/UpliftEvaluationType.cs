using GraphQL.Types;
using Platform.Gateway.Api.Limits;
using Platform.Domain.Modeling;

namespace Platform.Gateway.Api.Types.Models;

public sealed class UpliftEvaluationType : ObjectGraphType<UpliftEvaluation>
{
    public UpliftEvaluationType()
    {
        Name = "UpliftEvaluation";
        Description = "A scorer's figures on the held-out users (docs/models.md#metrics). A figure that cannot be computed on them (e.g. no conversions) is null.";
        Field(e => e.Rows).Description("Held-out rows scored.");
        Metric("auc", "Area under the ROC curve of predicted conversion on each row's own side (treated or control).", e => e.Auc);
        Metric("logLoss", "Mean log-loss of that prediction.", e => e.LogLoss);
        Metric("calibrationError", "Expected calibration error of that prediction (10 bins, weighted by rows).", e => e.CalibrationError);
        Metric("qini", "Qini coefficient of the uplift score on conversion: area between the Qini curve and the random line, over n².", e => e.Qini);
        Metric("auuc", "Area under the uplift curve (cumulative treated-minus-control conversion rate × users, normalized by n²).", e => e.Auuc);
        Metric("upliftAt10", "Treated minus control conversion rate among the top 10% by uplift score.", e => e.UpliftAt10);
        Metric("upliftAt30", "The same among the top 30%.", e => e.UpliftAt30);
        Metric("revenueQini", "Qini coefficient of the revenue uplift score on revenue per user.", e => e.RevenueQini);
        Field<ListGraphType<NonNullGraphType<QiniPointType>>>("qiniCurve")
            .Description("The Qini curve of the uplift score on conversion at 21 evenly spaced shares of the users; null for versions trained before it was kept.")
            .Resolve(ctx => ctx.Source.QiniCurve)
            .FieldType.ListOf(21);
        Field<ListGraphType<NonNullGraphType<CalibrationBinType>>>("calibration")
            .Description("The reliability diagram of the conversion prediction on each row's own side (10 bins, the empty ones left out); null for versions trained before it was kept.")
            .Resolve(ctx => ctx.Source.Calibration)
            .FieldType.ListOf(10);
    }

    private void Metric(string name, string description, Func<UpliftEvaluation, double> value) =>
        Field<FloatGraphType>(name).Description(description).Resolve(ctx => Finite.OrNull(value(ctx.Source)));
}
