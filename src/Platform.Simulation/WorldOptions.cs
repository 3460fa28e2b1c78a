namespace Platform.Simulation;

/// <summary>
/// The size and seed of a simulated shop, and its past campaigns (<see cref="DemoCampaigns.All"/> unless given). The same
/// options always give the same world.
/// </summary>
public sealed record WorldOptions(int Seed = 7, int Users = 20_000, int HistoryDays = 150, DateTimeOffset? Now = null, IReadOnlyList<CampaignPlan>? Campaigns = null)
{
    public const int MinHistoryDays = 150; // the demo campaigns start within the last 150 days

    /// <summary>"Now" to the minute, so two runs in the same minute agree.</summary>
    public DateTimeOffset Clock { get; } = Truncate(Now ?? DateTimeOffset.UtcNow);

    private static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}
