using System.Globalization;
using Platform.Domain.Campaigns;
using Platform.Domain.Events;

namespace Platform.Cli.Bench;

/// <summary>
/// One popular campaign: every user is exposed several times, some click and claim, some buy. Events are
/// interleaved across users in time order (each batch touches hundreds of users, all about the same
/// campaign) and dated just after the launch. The expected KPIs come from the same holdout rule the platform uses.
/// </summary>
public sealed record CampaignWorkload(IReadOnlyList<EventDraft> Events, long CampaignEvents, long TreatmentExposures, long TreatmentUsers, long ControlUsers)
{
    /// <summary>The same events again under new ids (and a minute later): what users whose grains are active send next.</summary>
    public IReadOnlyList<EventDraft> Again() =>
        Events.Select(e => e with { EventId = "again-" + e.EventId, OccurredAt = Later(e, 1) }).ToList();

    /// <summary>The same users and shape, as plain views naming no campaign: the baseline for what the campaign path costs.</summary>
    public IReadOnlyList<EventDraft> Plain() =>
        Events.Select(e => new EventDraft("plain-" + e.EventId, e.UserId, "VIEW", Later(e, 2), ItemId: "sku-1")).ToList();

    private static string Later(EventDraft e, int minutes) =>
        DateTimeOffset.Parse(e.OccurredAt!, CultureInfo.InvariantCulture).AddMinutes(minutes).ToString("O", CultureInfo.InvariantCulture);

    public const int ExposuresPerUser = 8;
    public const double HoldoutShare = 0.1;

    public static CampaignWorkload Create(string tenantId, string campaignId, int users, DateTimeOffset launchedAt)
    {
        var random = new Random(7);
        var perUser = new List<List<(string Type, decimal? Amount)>>();
        long treatmentExposures = 0, treated = 0;
        for (var s = 0; s < users; s++)
        {
            var events = Enumerable.Repeat(("CAMPAIGN_EXPOSURE", (decimal?)null), ExposuresPerUser).ToList();
            if (random.NextDouble() < 0.3)
            {
                events.Add(("CAMPAIGN_CLICK", null));
            }

            if (random.NextDouble() < 0.1)
            {
                events.Add(("COUPON_CLAIM", null));
                events.Add(("PURCHASE", Math.Round((decimal)(20 + (random.NextDouble() * 80)), 2)));
            }

            perUser.Add(events);
            if (HoldoutAssignment.Assign(tenantId, campaignId, User(s), HoldoutShare) == CampaignArm.Treatment)
            {
                treated++;
                treatmentExposures += ExposuresPerUser;
            }
        }

        // Round-robin over users: the n-th event of every user, then the (n+1)-th, a second apart per round.
        var drafts = new List<EventDraft>();
        for (var round = 0; perUser.Any(e => e.Count > round); round++)
        {
            var at = launchedAt.AddSeconds(1 + round).ToString("O", CultureInfo.InvariantCulture);
            for (var s = 0; s < users; s++)
            {
                if (perUser[s].Count > round)
                {
                    var (type, amount) = perUser[s][round];
                    drafts.Add(new EventDraft(
                        $"c{s}-{round}", User(s), type, at, Amount: amount, Currency: amount is null ? null : "EUR", Quantity: amount is null ? null : 1,
                        CampaignId: type == "PURCHASE" ? null : campaignId, DurationSeconds: type == "CAMPAIGN_EXPOSURE" ? 4 : null));
                }
            }
        }

        return new CampaignWorkload(drafts, drafts.Count(d => d.CampaignId is not null), treatmentExposures, treated, users - treated);
    }

    private static string User(int index) => $"hot-{index}";
}
