using Npgsql;

namespace Platform.Storage.Training;

/// <summary>
/// Bounds what a training run reads (docs/models.md#training-data): past about <c>Platform:Models:MaxRows</c> rows, a run
/// reads a uniform sample of the tenant's users, whole (all of a sampled user's rows), chosen by the first 20 bits of the
/// MD5 of the user id (stable across PostgreSQL versions and machines), so the same share picks the same users on every
/// run and a larger share keeps a smaller one's users.
/// </summary>
public static class UserSample
{
    private const int Buckets = 1 << 20;

    /// <summary>
    /// The share of users to read so that about <paramref name="maxRows"/> of <paramref name="rows"/> are read (on average:
    /// users are kept whole, and a user with many rows counts them all): 1 when all fit.
    /// </summary>
    public static double ShareFor(long rows, long maxRows) => rows <= maxRows ? 1 : Math.Max((double)maxRows / rows, 1.0 / Buckets);

    /// <summary>A condition on <paramref name="userIdColumn"/> keeping the share bound by <see cref="Bind"/>.</summary>
    public static string Filter(string userIdColumn) => $"(@sample >= 1 OR ('x' || left(md5({userIdColumn}), 5))::bit(20)::int < @sample * {Buckets})";

    public static void Bind(NpgsqlCommand command, double share) => command.Parameters.AddWithValue("sample", share);
}
