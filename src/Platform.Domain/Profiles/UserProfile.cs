using Platform.Domain.Campaigns;
using Platform.Domain.Events;

namespace Platform.Domain.Profiles;

/// <summary>
/// Everything folded from one user's events, and the log offset it has applied. Plain properties so
/// it can be stored as JSON (renaming a property is a data migration). Derived values that depend on
/// the current time (windows, recency, decayed scores) are computed when read: <see cref="ProfileReader"/>.
/// </summary>
public sealed class UserProfile
{
    public const int TrajectoryLength = 50;
    public const int CampaignHistoryLength = 20;
    public const int DailyWindowDays = RfmRules.WindowDays + 1; // today and the 90 days before

    public long AppliedSeq { get; set; }

    public DateTimeOffset? FirstSeenAt { get; set; }

    public DateTimeOffset? LastSeenAt { get; set; }

    public EventCounts Totals { get => totals; set => totals = value ?? new(); }

    /// <summary>Counts per UTC day and type over the last <see cref="DailyWindowDays"/> days of activity.</summary>
    public List<DailyCount> Daily { get; set; } = [];

    public long Purchases { get; set; }

    public long DiscountedPurchases { get; set; }

    public decimal Revenue { get; set; }

    public DateTimeOffset? FirstPurchaseAt { get; set; }

    public DateTimeOffset? LastPurchaseAt { get; set; }

    public DateTimeOffset? LastCartAddAt { get; set; }

    public int Reviews { get; set; }

    public decimal RatingSum { get; set; }

    public double EngagementSeconds { get; set; }

    public DecayingScores Categories { get; set; } = new();

    public DecayingScores Brands { get; set; } = new();

    /// <summary>The latest events by time of occurrence, newest first.</summary>
    public Trajectory Recent { get => recent; set => recent = value ?? new(); }

    private Trajectory recent = new();

    private EventCounts totals = new();

    /// <summary>The campaigns touched most recently, newest first.</summary>
    public List<CampaignTouch> Campaigns { get; set; } = [];

    /// <summary>The user's part in running campaigns' experiments (the latest <see cref="CampaignAttribution.MaxEnrollments"/>).</summary>
    public List<CampaignEnrollment> Enrollments { get; set; } = [];

    /// <summary>Campaigns whose enrollment was let go to make room; they do not enroll the user again.</summary>
    public List<string> ClosedEnrollments { get; set; } = [];
}
