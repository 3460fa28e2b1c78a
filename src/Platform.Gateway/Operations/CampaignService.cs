using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Platform.Abstractions;
using Platform.Abstractions.Campaigns;
using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Domain.Measurement;
using Platform.Domain.Decisions;
using Platform.Gateway.Api.Execution;
using Platform.Domain;
using Platform.Domain.Errors;
using Platform.Gateway.Api.Types;
using Platform.Gateway.Api.Types.Campaigns;
using Platform.Grains.Campaigns;
using Platform.Storage.Campaigns;

namespace Platform.Gateway.Operations;

/// <summary>Campaign design and lifecycle: changes go through the campaign's grain, reads come from the stored rows.</summary>
public sealed class CampaignService(
    IGrainFactory grains, CampaignStore store, CampaignOutcomeStore outcomes, KpiHistoryStore history, UserSnapshots snapshots, LaunchForecasts forecasts,
    CampaignForecastStore launchForecasts, CampaignTrackingReader tracking, UpliftAudiences upliftAudiences, IOptions<CampaignSettings> settings, TimeProvider clock)
{
    public const int DefaultPage = 50;
    public const int MaxPage = 200;
    public const int MaxAssignments = 1_000;
    public const int DefaultHistoryDays = 7;
    public const int MaxHistoryDays = 90;

    public async Task<Campaign> CreateAsync(string tenantId, CampaignDesign design) =>
        Unwrap(await Grain(tenantId, NewId()).CreateAsync(design));

    /// <summary>
    /// Changes the campaign. A SCHEDULED one's uplift audience is picked again under the changed design (or forgotten when
    /// it is no longer one), and its launch forecast is made again: until then it has none, and if the new one cannot be
    /// made (the pick refused included) it keeps none rather than the old design's.
    /// </summary>
    public async Task<Campaign> UpdateAsync(string tenantId, string id, CampaignChanges changes)
    {
        var campaign = Unwrap(await Grain(tenantId, id).UpdateAsync(changes));
        if (campaign.Status == CampaignStatus.Scheduled)
        {
            await launchForecasts.DeleteAsync(tenantId, campaign.Id);
            await (campaign.Design.Audience?.Uplift is null
                ? upliftAudiences.ThawAsync(tenantId, campaign.Id)
                : upliftAudiences.FreezeAsync(tenantId, campaign, CancellationToken.None));
            forecasts.Start(tenantId, campaign, replace: true); // not after a refused pick: the earlier picks are not this design's
        }

        return campaign;
    }

    /// <summary>
    /// Launches the campaign; its launch forecast is made in the background (when the tenant has a model to make one). An
    /// uplift audience is frozen first (docs/audiences.md#uplift-audiences), so every event after the launch is judged
    /// against the users it picked.
    /// </summary>
    public async Task<Campaign> LaunchAsync(string tenantId, string id)
    {
        var draft = Identifiers.Check("id", id) is null ? await store.GetAsync(tenantId, id, CancellationToken.None) : null;
        var picks = draft is { Status: CampaignStatus.Draft, Design.Audience.Uplift: not null };
        if (picks)
        {
            await upliftAudiences.FreezeAsync(tenantId, draft!, CancellationToken.None);
        }

        var result = await Grain(tenantId, id).LaunchAsync();
        if (picks && result.Campaign is null)
        {
            await upliftAudiences.ThawAsync(tenantId, id); // refused: a draft has no picks
        }

        var campaign = Unwrap(result);
        forecasts.Start(tenantId, campaign);
        return campaign;
    }

    public Task<StoredForecast?> LaunchForecastAsync(Campaign campaign, string tenantId, CancellationToken cancellationToken) =>
        launchForecasts.FindAsync(tenantId, campaign.Id, cancellationToken);

    /// <summary>The campaign's hours of the latest 7 days against its launch forecast; null without one.</summary>
    public Task<CampaignTracking?> TrackingAsync(Campaign campaign, string tenantId, CancellationToken cancellationToken) =>
        tracking.TrackAsync(tenantId, campaign, clock.GetUtcNow(), settings.Value.AlertAfterHours, cancellationToken);

    public async Task<Campaign> PauseAsync(string tenantId, string id) => Unwrap(await Grain(tenantId, id).PauseAsync());

    public async Task<Campaign> ResumeAsync(string tenantId, string id) => Unwrap(await Grain(tenantId, id).ResumeAsync());

    public async Task<Campaign> EndAsync(string tenantId, string id) => Unwrap(await Grain(tenantId, id).EndAsync());

    /// <summary>The campaign, or null; <paramref name="argument"/> names the id in an INVALID_ARGUMENT error.</summary>
    public Task<Campaign?> GetAsync(string tenantId, string id, CancellationToken cancellationToken, string argument = "id") =>
        store.GetAsync(tenantId, ApiError.RequireId(argument, id), cancellationToken);

    /// <summary>
    /// Which side of the campaign each user is on, and whether they may be shown it now (docs/campaigns.md#targeting):
    /// the merchant shows the offer to eligible TREATMENT users only. Judged on the users' live profiles.
    /// </summary>
    public async Task<IReadOnlyList<CampaignAssignment>> AssignmentsAsync(string tenantId, string id, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count > MaxAssignments)
        {
            throw ApiError.Invalid("userIds", "too_many", $"userIds must list at most {MaxAssignments} ids.");
        }

        ApiError.ThrowIfAny(userIds.Select((userId, i) => Identifiers.Check($"userIds[{i}]", userId)).OfType<Violation>().ToList());
        var campaign = await store.GetAsync(tenantId, ApiError.RequireId("campaignId", id), cancellationToken) ?? throw ApiError.NotFound("campaign", id);
        var users = await snapshots.LoadAsync(tenantId, userIds, SnapshotParts.For([campaign.Design.Audience]), cancellationToken);
        // An imported experiment's sides are recorded, not drawn: a customer it did not include has none.
        var recorded = campaign.Source == CampaignSource.Imported ? await outcomes.ArmsAsync(tenantId, campaign.Id, userIds, cancellationToken) : null;
        var now = clock.GetUtcNow();
        return users.Select(user => Assign(tenantId, campaign, user, recorded, now)).ToList();
    }

    private static CampaignAssignment Assign(string tenantId, Campaign campaign, LoadedUser user, IReadOnlyDictionary<string, CampaignArm>? recorded, DateTimeOffset now)
    {
        var touch = user.Snapshot.View.Campaigns.FirstOrDefault(c => c.CampaignId == campaign.Id);
        var arm = recorded is not null
            ? recorded.TryGetValue(user.UserId, out var side) ? side : null
            : CampaignTargeting.InAudience(campaign, user.UserId, user.Snapshot)
                ? HoldoutAssignment.Assign(tenantId, campaign.Id, user.UserId, campaign.Design.HoldoutShare)
                : (CampaignArm?)null;
        return new CampaignAssignment(user.UserId, arm, CampaignTargeting.Check(campaign, user.UserId, user.Snapshot, now), CampaignTargeting.ExposuresOn(touch, now));
    }

    public async Task<CampaignKpis> KpisAsync(Campaign campaign, string tenantId, CancellationToken cancellationToken)
    {
        var sides = await outcomes.TotalsAsync(tenantId, campaign, cancellationToken);
        return sides.Kpis(campaign.Design);
    }

    public async Task<TimeToAnswer> TimeToAnswerAsync(Campaign campaign, string tenantId, LiftMetric metric, double? effect, CancellationToken cancellationToken)
    {
        var kpis = await KpisAsync(campaign, tenantId, cancellationToken);
        var forecast = effect is null ? (await LaunchForecastAsync(campaign, tenantId, cancellationToken))?.Forecast : null;
        return TimeToAnswer.Of(campaign, kpis.Measurement![metric], kpis.Treatment.Users + kpis.Control.Users, effect, forecast, clock.GetUtcNow());
    }

    /// <summary>The campaign's KPIs and status now, or null when it does not exist (any more).</summary>
    public async Task<CampaignKpiUpdate?> CurrentAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        await GetAsync(tenantId, id, cancellationToken) is { } campaign
            ? new CampaignKpiUpdate(campaign.Id, campaign.Status, clock.GetUtcNow(), await KpisAsync(campaign, tenantId, cancellationToken))
            : null;

    /// <summary>The range kpiHistory reads: by default the 7 days up to the end of this hour; at most 90 days.</summary>
    public (DateTimeOffset From, DateTimeOffset To) HistoryRange(DateTimeOffset? from, DateTimeOffset? to)
    {
        var end = to ?? clock.GetUtcNow().AddHours(1);
        return (from ?? end.AddDays(-DefaultHistoryDays), end);
    }

    public Task<IReadOnlyList<KpiHistoryPoint>> HistoryAsync(Campaign campaign, string tenantId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var (start, end) = HistoryRange(from, to);
        if (end <= start || end - start > TimeSpan.FromDays(MaxHistoryDays))
        {
            throw ApiError.Invalid("from", "out_of_range", $"from must be before to, at most {MaxHistoryDays} days apart.");
        }

        return history.ReadAsync(tenantId, campaign.Id, start, end, cancellationToken);
    }

    public async Task<Page<Campaign>> ListAsync(string tenantId, CampaignStatus? status, int? first, string? after, CancellationToken cancellationToken)
    {
        var size = Paging.Size(first, DefaultPage, MaxPage);
        var fetched = await store.ListAsync(tenantId, status, size + 1, after is null ? null : Paging.ParseTimeCursor(after, "campaigns"), cancellationToken);
        return Page<Campaign>.From(fetched, size, c => Paging.TimeCursor("campaigns", c.CreatedAt, c.Id));
    }

    private ICampaignGrain Grain(string tenantId, string id) => grains.GetGrain<ICampaignGrain>(GrainKeys.Campaign(tenantId, ApiError.RequireId("id", id)));

    // "cmp-" and 16 characters of a random 80-bit number in lowercase base 32.
    private static string NewId()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[bytes[i] & 31];
        }

        return "cmp-" + new string(chars);
    }

    private static Campaign Unwrap(CampaignResult result) => result switch
    {
        { Campaign: { } campaign } => campaign,
        { Violations: { Count: > 0 } violations } => throw ApiError.Invalid(violations),
        _ => throw ApiError.Refused(result.Code!, result.Message!),
    };
}
