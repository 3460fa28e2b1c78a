using System.Globalization;

namespace Platform.Domain.Models;

/// <summary>
/// Whether a new version becomes ACTIVE by itself (docs/models.md#registry): when it is the tenant's first, or when its
/// primary metric (higher is better) beats the ACTIVE version's, both scored on the new run's held-out users, by more than
/// the margin. The reason is stored with the version as its promotion.
/// </summary>
public static class PromotionRule
{
    /// <param name="metric">The primary metric's name in the reason, e.g. "Qini".</param>
    /// <param name="champion">The ACTIVE version and its figure on the same users; null when there is none.</param>
    public static (bool Activate, string Reason) Decide(string task, string metric, double value, (Guid Id, double Value)? champion, double margin) => champion switch
    {
        null => (true, $"ACTIVE: the tenant's first {task} version."),
        _ when double.IsNaN(value) => (false, $"CANDIDATE: its {metric} could not be computed on the held-out users."),
        var (id, active) when double.IsNaN(active) || value > active + margin =>
            (true, Invariant($"ACTIVE: {metric} {value:F5} on the held-out users beats version {id}'s {active:F5} by more than {margin}.")),
        var (id, active) =>
            (false, Invariant($"CANDIDATE: {metric} {value:F5} on the held-out users does not beat ACTIVE version {id}'s {active:F5} by more than {margin}; promoteModel makes it ACTIVE.")),
    };

    /// <summary>
    /// The uplift rule: <see cref="Decide"/> on the Qini, except that a version that learned order values replaces an ACTIVE
    /// one that has none whatever their Qini (so long as its own could be computed): the ACTIVE one values nothing in money
    /// (docs/forecasts.md#without-revenue), and money is what a merchant who imported revenue (or a conversion's value)
    /// retrained for.
    /// </summary>
    /// <param name="activeHasOrderValues">Whether the ACTIVE version learned order values; null when it could not be read.</param>
    public static (bool Activate, string Reason) DecideUplift(
        double qini, (Guid Id, double Qini)? champion, double margin, bool hasOrderValues, bool? activeHasOrderValues) =>
        champion is { } active && hasOrderValues && activeHasOrderValues == false && !double.IsNaN(qini)
            ? (true, $"ACTIVE: it learned order values, and ACTIVE version {active.Id} has none (its money figures read 0).")
            : Decide("uplift", "Qini", qini, champion, margin);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
