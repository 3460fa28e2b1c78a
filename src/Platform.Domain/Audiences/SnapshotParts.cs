namespace Platform.Domain.Audiences;

/// <summary>
/// Which parts of a <see cref="UserSnapshot"/> beyond the live profile and the stored attributes a caller needs: the
/// user's scores, and which campaigns' uplift audiences picked the user. Each is a database read, so a request reads
/// only what its audiences look at.
/// </summary>
public sealed record SnapshotParts(bool Scores, bool Picks)
{
    public static readonly SnapshotParts ProfileAndAttributes = new(false, false);

    /// <summary>What judging these audiences takes: scores for a rule on a score field, picks for an uplift audience.</summary>
    public static SnapshotParts For(IEnumerable<Audience?> audiences)
    {
        var (scores, picks) = (false, false);
        foreach (var audience in audiences)
        {
            scores |= audience?.Rule is { } rule && ReadsScores(rule);
            picks |= audience?.Uplift is not null;
        }

        return new SnapshotParts(scores, picks);
    }

    private static bool ReadsScores(AudienceRule rule) =>
        (rule.Field is { } field && AudienceFields.ScoreFieldNames.Contains(field))
        || rule.All?.Any(ReadsScores) == true
        || rule.Any?.Any(ReadsScores) == true
        || (rule.Not is { } not && ReadsScores(not));
}
