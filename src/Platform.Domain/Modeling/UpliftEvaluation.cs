namespace Platform.Domain.Modeling;

/// <summary>
/// A scorer's figures on held-out users (docs/models.md#metrics): how well it predicts conversion on each row's own side,
/// and how well its uplift score ranks users by the offer's effect on conversion and on revenue. The curves are absent
/// (null) for versions trained before they were kept.
/// </summary>
public sealed record UpliftEvaluation(
    int Rows,
    double Auc,
    double LogLoss,
    double CalibrationError,
    double Qini,
    double Auuc,
    double UpliftAt10,
    double UpliftAt30,
    double RevenueQini,
    IReadOnlyList<QiniPoint>? QiniCurve = null,
    IReadOnlyList<CalibrationBin>? Calibration = null);
