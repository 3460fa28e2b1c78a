using Microsoft.Extensions.Logging;
using Platform.Grains.Writing;
using Platform.Storage.Campaigns;

namespace Platform.Grains.Campaigns;

/// <summary>
/// Writes the latest outcome row of each (campaign, shopper) on this node to campaigns.outcomes, once a
/// second. A popular campaign's events thus reach PostgreSQL as one statement per node and second, and no
/// single activation sees them one by one.
/// </summary>
public sealed class EnrollmentWriter(CampaignOutcomeStore store, ILogger<EnrollmentWriter> logger)
    : LatestRowWriter<(string Tenant, string Campaign, string User), EnrollmentRow>(logger)
{
    protected override (string Tenant, string Campaign, string User) KeyOf(EnrollmentRow row) => (row.TenantId, row.Enrollment.CampaignId, row.UserId);

    protected override Task WriteAsync(IReadOnlyList<EnrollmentRow> rows, CancellationToken cancellationToken) => store.UpsertAsync(rows, cancellationToken);
}
