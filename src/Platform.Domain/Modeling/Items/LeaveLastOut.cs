namespace Platform.Domain.Modeling.Items;

/// <summary>
/// The split for item recommendations: of each user with at least three interactions, the last item is held out for the
/// metrics and the one before it for validation; training reads everything before them (and all of shorter users).
/// </summary>
public static class LeaveLastOut
{
    /// <summary>A user's held-out item and what came before it (the history a recommender may read).</summary>
    public sealed record Case(int User, int[] History, int Target);

    public static (IReadOnlyList<int[]> Train, IReadOnlyList<Case> Validation, IReadOnlyList<Case> Test) Split(IReadOnlyList<int[]> sequences)
    {
        var train = new List<int[]>(sequences.Count);
        var validation = new List<Case>();
        var test = new List<Case>();
        for (var u = 0; u < sequences.Count; u++)
        {
            var s = sequences[u];
            if (s.Length < 3)
            {
                train.Add(s);
                continue;
            }

            train.Add(s[..^2]);
            validation.Add(new Case(u, s[..^2], s[^2]));
            test.Add(new Case(u, s[..^1], s[^1]));
        }

        return (train, validation, test);
    }
}
