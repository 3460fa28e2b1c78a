using Platform.Domain.Events;
using Platform.Domain.Profiles;
using Platform.Domain.Users;

namespace Platform.Domain.Modeling.UserScores;

/// <summary>
/// Where the user-score model's labels come from: a cutoff <see cref="Horizon"/> before the tenant's latest event. A user
/// seen before the cutoff is a row; the features are the profile folded from the events before it (and the attributes);
/// the labels are what the user did in the horizon after it. Serving reads the profile now and predicts the next horizon.
/// </summary>
public sealed record UserScoreWindow(DateTimeOffset Cutoff)
{
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(30);

    public DateTimeOffset End => Cutoff + Horizon;

    /// <summary>The window that ends just after the tenant's latest event (the end is exclusive, the event is in).</summary>
    public static UserScoreWindow EndingAt(DateTimeOffset latestEvent) => new(latestEvent.AddTicks(1) - Horizon);

    /// <summary>The user's row, or null when none of their events came before the cutoff.</summary>
    public UserScoreRow? Row(string userId, IReadOnlyList<BehaviorEvent> events, UserAttributes? attributes, Func<string, ItemFacts?> catalog, ProfileSettings settings)
    {
        var before = events.Where(e => e.OccurredAt < Cutoff).ToList();
        if (before.Count == 0)
        {
            return null;
        }

        var after = events.Where(e => e.OccurredAt >= Cutoff && e.OccurredAt < End).ToList();
        var purchases = after.Where(e => e.Type == EventType.Purchase).ToList();
        var profile = PointInTimeFeatures.At(before, [Cutoff], catalog, settings)[0];
        return new UserScoreRow(
            userId,
            TrainingFeatures.Merge(null, profile, attributes),
            new UserOutcome(purchases.Count > 0, purchases.Sum(e => (double)(e.Amount ?? 0)), after.Count == 0));
    }
}
