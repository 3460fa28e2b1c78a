using System.Globalization;
using System.Security.Cryptography;
using GraphQL;
using Platform.Abstractions;
using Platform.Abstractions.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Gateway.GraphQL.Execution;
using Platform.Gateway.GraphQL.Types.Campaigns;
using Platform.Storage.Campaigns;

namespace Platform.Gateway.Operations;

/// <summary>Campaign design and lifecycle: changes go through the campaign's grain, reads come from the stored rows.</summary>
public sealed class Campaigns(IGrainFactory grains, CampaignStore store, CampaignOutcomeStore outcomes, KpiHistoryStore history, TimeProvider clock)
{
    public const int DefaultPage = 50;
    public const int MaxPage = 200;
    public const int MaxIdLength = 128;

    public async Task<Campaign> CreateAsync(string tenantId, CampaignDesign design) =>
        Unwrap(await Grain(tenantId, NewId()).CreateAsync(design));

    public async Task<Campaign> UpdateAsync(string tenantId, string id, CampaignChanges changes) => Unwrap(await Grain(tenantId, Checked(id)).UpdateAsync(changes));

    public async Task<Campaign> LaunchAsync(string tenantId, string id) => Unwrap(await Grain(tenantId, Checked(id)).LaunchAsync());

    public async Task<Campaign> PauseAsync(string tenantId, string id) => Unwrap(await Grain(tenantId, Checked(id)).PauseAsync());

    public async Task<Campaign> ResumeAsync(string tenantId, string id) => Unwrap(await Grain(tenantId, Checked(id)).ResumeAsync());

    public async Task<Campaign> EndAsync(string tenantId, string id) => Unwrap(await Grain(tenantId, Checked(id)).EndAsync());

    public Task<Campaign?> GetAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        id.Length is 0 or > MaxIdLength ? Task.FromResult<Campaign?>(null) : store.GetAsync(tenantId, id, cancellationToken);

    public const int MaxAssignments = 1_000;

    /// <summary>Which side of the campaign each shopper is on; the merchant shows the offer to TREATMENT shoppers only.</summary>
    public async Task<IReadOnlyList<CampaignAssignment>> AssignmentsAsync(string tenantId, string id, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count > MaxAssignments)
        {
            throw new InputError("userIds", $"at most {MaxAssignments} ids");
        }

        var campaign = await GetAsync(tenantId, id, cancellationToken) ?? throw new NotFoundError("campaign", id);
        return userIds.Select(userId => new CampaignAssignment(userId, HoldoutAssignment.Assign(tenantId, campaign.Id, userId, campaign.Design.HoldoutShare))).ToList();
    }

    public async Task<CampaignKpis> KpisAsync(Campaign campaign, string tenantId, CancellationToken cancellationToken)
    {
        var (treatment, control) = await outcomes.TotalsAsync(tenantId, campaign.Id, cancellationToken);
        return CampaignKpis.From(treatment, control, campaign.Design.Budget);
    }

    /// <summary>The campaign's KPIs and status now, or null when it does not exist (any more).</summary>
    public async Task<CampaignKpiUpdate?> CurrentAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        await GetAsync(tenantId, id, cancellationToken) is { } campaign
            ? new CampaignKpiUpdate(campaign.Id, campaign.Status, clock.GetUtcNow(), await KpisAsync(campaign, tenantId, cancellationToken))
            : null;

    public const int MaxHistoryDays = 90;

    public Task<IReadOnlyList<KpiHistoryPoint>> HistoryAsync(Campaign campaign, string tenantId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var end = to ?? clock.GetUtcNow().AddHours(1);
        var start = from ?? end.AddDays(-7);
        if (end <= start || end - start > TimeSpan.FromDays(MaxHistoryDays))
        {
            throw new InputError("from", $"must be before to, at most {MaxHistoryDays} days apart");
        }

        return history.ReadAsync(tenantId, campaign.Id, start, end, cancellationToken);
    }

    public async Task<CampaignPage> ListAsync(string tenantId, CampaignStatus? status, int? first, string? after, CancellationToken cancellationToken)
    {
        var size = first ?? DefaultPage;
        if (size is < 1 or > MaxPage)
        {
            throw new InputError("first", $"must be between 1 and {MaxPage}");
        }

        var page = await store.ListAsync(tenantId, status, size + 1, after is null ? null : Cursor(after), cancellationToken);
        var nodes = page.Take(size).ToList();
        var end = nodes.Count > 0 ? $"{nodes[^1].CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{nodes[^1].Id}" : null;
        return new CampaignPage(nodes, page.Count > size, end);
    }

    private ICampaignGrain Grain(string tenantId, string id) => grains.GetGrain<ICampaignGrain>(GrainKeys.Campaign(tenantId, id));

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

    private static string Checked(string id) =>
        id.Length is 0 or > MaxIdLength ? throw new NotFoundError("campaign", id) : id;

    private static (DateTimeOffset, string) Cursor(string after)
    {
        var separator = after.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0 || !long.TryParse(after.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new InputError("after", "must be an endCursor returned by campaigns");
        }

        return (new DateTimeOffset(ticks, TimeSpan.Zero), after[(separator + 1)..]);
    }

    private static Campaign Unwrap(CampaignResult result)
    {
        if (result.Campaign is { } campaign)
        {
            return campaign;
        }

        if (result.Violations is [var first, ..] violations)
        {
            throw new InputError(first.Field, first.Message.TrimEnd('.'))
            {
                Extensions = new Dictionary<string, object?>
                {
                    ["field"] = first.Field,
                    ["rule"] = first.Rule,
                    ["violations"] = violations.Select(v => new Dictionary<string, object?> { ["field"] = v.Field, ["rule"] = v.Rule, ["message"] = v.Message }).ToList(),
                },
            };
        }

        throw new ExecutionError($"{char.ToUpperInvariant(result.Message![0])}{result.Message[1..]}") { Code = result.Code };
    }
}
