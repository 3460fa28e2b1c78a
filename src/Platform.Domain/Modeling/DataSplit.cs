namespace Platform.Domain.Modeling;

/// <summary>Where a user's rows go in training: always the same part for the same seed, so all of a user's rows stay together.</summary>
public enum SplitPart
{
    Train,
    Validation,
    Test,
}

/// <summary>
/// Splits users, not rows, by a seeded hash of the user id: <see cref="TestShare"/> of users are held out for the
/// metrics a version reports, <see cref="ValidationShare"/> of the rest choose hyperparameters and stop training early.
/// </summary>
public sealed record DataSplit(int Seed, double TestShare = 0.3, double ValidationShare = 0.1)
{
    public SplitPart Of(string userId)
    {
        var u = Unit(userId);
        return u < TestShare ? SplitPart.Test : u < TestShare + ((1 - TestShare) * ValidationShare) ? SplitPart.Validation : SplitPart.Train;
    }

    // FNV-1a over the seed and the id, mapped to [0, 1): stable across processes and machines.
    private double Unit(string userId)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in BitConverter.GetBytes(Seed))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        foreach (var c in userId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 29;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 32;
        return (hash >> 11) / (double)(1UL << 53);
    }
}
