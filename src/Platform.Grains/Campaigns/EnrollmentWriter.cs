using Microsoft.Extensions.Logging;
using Platform.Abstractions;
using Platform.Abstractions.Campaigns;
using Platform.Grains.Writing;
using Platform.Storage.Campaigns;

namespace Platform.Grains.Campaigns;

/// <summary>
/// Writes the latest outcome row of each (campaign, user) on this node to campaigns.outcomes, once a
/// second, then tells each campaign written that its outcomes changed. A popular campaign's events thus reach
/// PostgreSQL as one statement, and its grain as one call, per node and second: no activation sees them one by one.
/// </summary>
public sealed class EnrollmentWriter(CampaignOutcomeStore store, IGrainFactory grains, ILogger<EnrollmentWriter> logger)
    : LatestRowWriter<(string Tenant, string Campaign, string User), EnrollmentRow>(logger)
{
    protected override (string Tenant, string Campaign, string User) KeyOf(EnrollmentRow row) => (row.TenantId, row.Enrollment.CampaignId, row.UserId);

    protected override async Task WriteAsync(IReadOnlyList<EnrollmentRow> rows, CancellationToken cancellationToken)
    {
        await store.UpsertAsync(rows, cancellationToken);
        foreach (var (tenant, campaign) in rows.Select(r => (r.TenantId, r.Enrollment.CampaignId)).Distinct())
        {
            await grains.GetGrain<ICampaignGrain>(GrainKeys.Campaign(tenant, campaign)).OutcomesChangedAsync(); // one-way
        }
    }
}
