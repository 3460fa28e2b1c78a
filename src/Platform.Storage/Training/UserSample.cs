using Npgsql;

namespace Platform.Storage.Training;

/// <summary>
/// Bounds what a training run reads (docs/models.md#training-data): past <c>Platform:Models:MaxRows</c> rows, a run reads
/// a uniform sample of the tenant's users, whole (all of a sampled user's rows), chosen by a hash of the user id, so the
/// same share picks the same users on every run and reproducibility holds.
/// </summary>
public static class UserSample
{
    private const int Buckets = 1 << 20;

    /// <summary>The share of users to read so that about <paramref name="maxRows"/> of <paramref name="rows"/> are read: 1 when all fit.</summary>
    public static double ShareFor(long rows, long maxRows) => rows <= maxRows ? 1 : Math.Max((double)maxRows / rows, 1.0 / Buckets);

    /// <summary>A condition on <paramref name="userIdColumn"/> keeping the share bound by <see cref="Bind"/>.</summary>
    public static string Filter(string userIdColumn) => $"(@sample >= 1 OR (hashtext({userIdColumn}) & {Buckets - 1}) < @sample * {Buckets})";

    public static void Bind(NpgsqlCommand command, double share) => command.Parameters.AddWithValue("sample", share);
}
