using Platform.Domain.Campaigns;
using Platform.Domain.Events;
using Platform.Domain.Profiles;

namespace Platform.Domain.Modeling;

/// <summary>
/// A user's profile features as they were at given moments, folded from the events that happened before each one — the
/// same fold and the same features as a live assignment stores. This is how rows of an imported experiment get behaviour
/// features when the tenant's event log holds the users' history: nothing after the assignment leaks in.
/// </summary>
public static class PointInTimeFeatures
{
    /// <summary>For each of <paramref name="moments"/>, the features just before it; an empty map where no event came before.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, double>> At(
        IReadOnlyList<BehaviorEvent> events, IReadOnlyList<DateTimeOffset> moments, Func<string, ItemFacts?> catalog, ProfileSettings settings)
    {
        var ordered = events.OrderBy(e => e.OccurredAt).ToList();
        var results = new IReadOnlyDictionary<string, double>[moments.Count];
        var profile = new UserProfile();
        var next = 0;
        foreach (var m in Enumerable.Range(0, moments.Count).OrderBy(i => moments[i]))
        {
            var batch = new List<(long, BehaviorEvent)>();
            while (next < ordered.Count && ordered[next].OccurredAt < moments[m])
            {
                batch.Add((next + 1, ordered[next]));
                next++;
            }

            ProfileFolder.Apply(profile, batch, catalog, settings);
            results[m] = profile.FirstSeenAt is null ? new Dictionary<string, double>() : EnrollmentFeatures.Of(profile, moments[m], settings);
        }

        return results;
    }
}
