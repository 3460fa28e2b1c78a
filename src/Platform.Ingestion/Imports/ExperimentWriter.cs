using System.Text.Json;
using Platform.Abstractions.Tenants;
using Platform.Domain.Campaigns;
using Platform.Domain.Imports;
using Platform.Domain.Users;
using Platform.Storage.Experiments;
using Platform.Storage.Imports;
using Platform.Storage.Users;

namespace Platform.Ingestion.Imports;

/// <summary>Writes the rows of one past-experiment import: tagged users and their outcome rows.</summary>
public sealed class ExperimentWriter(
    ExperimentStore store, UserWrites writes, ImportJobRecord job, ExperimentMapping mapping, TenantInfo tenant,
    IReadOnlyList<AttributeDefinition> features, IReadOnlyList<Campaign> campaigns, DateTimeOffset assignedAt, IReadOnlyDictionary<string, double> covariateMeans,
    IReadOnlyList<ColumnImbalance> unbalanced, IReadOnlyList<ScreenedColumn> leftOutFeatures)
{
    private readonly ExperimentRowMapper mapper = new(mapping, features, covariateMeans);
    private readonly HashSet<string> customers = new(StringComparer.Ordinal);
    private readonly string experimentTag = $"experiment:{ExperimentMapping.Slug(mapping.Name)}";

    public async Task WriteAsync(IReadOnlyList<(long Line, IReadOnlyDictionary<string, string?> Cells)> rows, IReadOnlyList<string> tags, RowBatch batch, CancellationToken cancellationToken)
    {
        var accepted = new List<(long Line, ExperimentRow Row)>();
        foreach (var (line, cells) in rows)
        {
            var (row, violations) = mapper.Map(line, cells);
            if (row is null)
            {
                batch.Reject(line, violations);
            }
            else if (!customers.Add(row.UserId))
            {
                // Only with an id column: ids made from lines never repeat.
                batch.Reject(line, [new(mapping.UserIdColumn!, "duplicate_customer", $"customer {row.UserId} appears on an earlier line with other values.")]);
            }
            else
            {
                accepted.Add((line, row));
            }
        }

        var users = accepted.Select(a => new UserDraft(a.Row.UserId, Attributes: a.Row.Features, Tags: [.. tags, experimentTag, ArmTag(a.Row.Arm)])).ToList();
        var outcome = await writes.UpsertUsersAsync(tenant.Id, tenant.AttributeSchema, users, TagMerge.Add, cancellationToken);
        var stored = new List<OutcomeRow>();
        var valid = new List<(UpsertStatus Status, string UserId)>();
        foreach (var result in outcome.Results)
        {
            var (line, row) = accepted[result.Index];
            if (!result.IsValid)
            {
                batch.Reject(line, result.Errors);
                continue;
            }

            valid.Add((result.Status, row.UserId));
            var features = JsonSerializer.Serialize(row.Features.ToDictionary(f => f.Name, f => f.Number is { } n ? (object)n : f.Text!));
            var sides = row.Arm.IsControl ? campaigns : [campaigns[row.Arm.TreatmentIndex!.Value]];
            stored.AddRange(sides.Select(campaign => new OutcomeRow(
                campaign.Id, row.UserId, !row.Arm.IsControl, assignedAt, mapping.WindowDays, row.Participated, row.Conversions, row.Revenue, features, job.Id, row.Covariates)));
        }

        var changedOutcomes = await store.UpsertOutcomesAsync(tenant.Id, stored, cancellationToken);
        foreach (var (status, userId) in valid)
        {
            batch.Count(status == UpsertStatus.Accepted || changedOutcomes.Contains(userId) ? UpsertStatus.Accepted : UpsertStatus.Unchanged);
        }
    }

    public async Task<string> SummaryAsync(IReadOnlyList<string> ignoredColumns, CancellationToken cancellationToken)
    {
        var arms = await store.ArmStatisticsAsync(tenant.Id, campaigns.Select(c => c.Id).ToList(), cancellationToken);
        return ImportOptionsJson.Serialize(new
        {
            ignoredColumns,
            unbalancedColumns = unbalanced.Take(ArmBalance.MaxReported).Select(u => new { u.Column, u.Arm, u.StandardizedDifference, Feature = mapping.FeatureColumns?.Contains(u.Column) == true }),
            features = features.Select(f => new { f.Name, Kind = f.Kind.ToString().ToUpperInvariant() }),
            leftOutFeatures,
            campaigns = campaigns.Select(c => new
            {
                CampaignId = c.Id,
                c.Design.Name,
                c.Design.HoldoutShare,
                arms = arms.Where(a => a.CampaignId == c.Id).Select(a => new
                {
                    arm = a.Treated ? "TREATMENT" : "CONTROL",
                    a.Customers,
                    a.Participants,
                    a.Converters,
                    a.Conversions,
                    a.ConversionRate,
                    a.ConverterRate,
                    a.Revenue,
                    a.RevenuePerCustomer,
                }),
            }),
        });
    }

    private string ArmTag(ExperimentArm arm) =>
        $"{ExperimentMapping.Slug(mapping.Name)}:{(arm.IsControl ? "control" : ExperimentMapping.Slug(mapping.Arms[arm.TreatmentIndex!.Value].Name))}";
}
