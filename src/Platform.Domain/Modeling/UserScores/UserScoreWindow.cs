using Platform.Domain.Events;
using Platform.Domain.Profiles;
using Platform.Domain.Users;

namespace Platform.Domain.Modeling.UserScores;

/// <summary>
/// Where the user-score model's labels come from: a cutoff <see cref="Horizon"/> before the tenant's latest event, and
/// <see cref="Snapshots"/> − 1 earlier cutoffs a horizon apart. A user seen before a cutoff is a row of that snapshot;
/// the features are the profile folded from the events before it (and the attributes); the labels are what the user did
/// in the horizon after it. Snapshot 0 (the latest cutoff) is what a model is judged on; the earlier ones give training
/// more examples of the same question. Serving reads the profile now and predicts the next horizon.
/// </summary>
public sealed record UserScoreWindow(DateTimeOffset Cutoff, int Snapshots = 1)
{
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(30);

    /// <summary>Half a year of cutoffs: enough to multiply a small shop's examples, few enough to stay close to now.</summary>
    public const int DefaultSnapshots = 6;

    public DateTimeOffset End => Cutoff + Horizon;

    public DateTimeOffset CutoffOf(int snapshot) => Cutoff - (Horizon * snapshot);

    /// <summary>The window whose latest horizon ends just after the tenant's latest event (the end is exclusive, the event is in).</summary>
    public static UserScoreWindow EndingAt(DateTimeOffset latestEvent, int snapshots = DefaultSnapshots) => new(latestEvent.AddTicks(1) - Horizon, snapshots);

    /// <summary>
    /// The user's rows, the latest cutoff's first: one per cutoff that some of their events came before (with
    /// <paramref name="earlierCutoffs"/> false, the latest cutoff's alone).
    /// </summary>
    public IReadOnlyList<UserScoreRow> Rows(
        string userId, IReadOnlyList<BehaviorEvent> events, UserAttributes? attributes, Func<string, ItemFacts?> catalog, ProfileSettings settings,
        bool earlierCutoffs = true)
    {
        var snapshots = Enumerable.Range(0, earlierCutoffs ? Snapshots : 1).Where(snapshot => events.Any(e => e.OccurredAt < CutoffOf(snapshot))).ToList();
        var profiles = PointInTimeFeatures.At(events, snapshots.Select(CutoffOf).ToList(), catalog, settings);
        return snapshots.Select((snapshot, i) =>
        {
            var cutoff = CutoffOf(snapshot);
            var after = events.Where(e => e.OccurredAt >= cutoff && e.OccurredAt < cutoff + Horizon).ToList();
            var purchases = after.Where(e => e.Type == EventType.Purchase).ToList();
            return new UserScoreRow(
                userId,
                TrainingFeatures.Merge(null, profiles[i], attributes),
                new UserOutcome(purchases.Count > 0, purchases.Sum(e => (double)(e.Amount ?? 0)), after.Count == 0),
                snapshot);
        }).ToList();
    }
}
