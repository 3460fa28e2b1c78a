using System.Text.Json;
using Platform.Abstractions;
using Platform.Abstractions.Tenants;
using Platform.Domain.Campaigns;
using Platform.Domain.Imports;
using Platform.Domain.Users;
using Platform.Storage.Campaigns;
using Platform.Storage.Experiments;
using Platform.Storage.Imports;

namespace Platform.Ingestion.Imports;

/// <summary>
/// Past experiments: every treatment arm becomes an ENDED campaign whose holdout is the control group;
/// customers become tagged users whose feature columns are attributes; each customer gets an outcome
/// row per campaign it belongs to (control customers belong to every arm's campaign).
/// </summary>
public sealed class ExperimentImport(ExperimentStore store, CampaignStore campaignStore, UserWrites writes, IGrainFactory grains)
{
    public async Task<ExperimentWriter> StartAsync(
        ImportJobRecord job, ExperimentMapping mapping, TenantInfo tenant, IReadOnlyDictionary<string, ColumnStatistics> statistics, ExperimentMeasures measures,
        CancellationToken cancellationToken)
    {
        if (mapping.Arms.Count is 0 or > ExperimentMapping.MaxArms)
        {
            throw new ImportFailure($"An experiment needs 1 to {ExperimentMapping.MaxArms} treatment arms.");
        }

        var unbalanced = measures.Balance.Imbalanced();
        var header = statistics.Keys.ToList();
        var features = ExperimentRowMapper.FeatureSchema(mapping, header, statistics, unbalanced.Select(u => u.Column).ToList());
        IReadOnlyList<ScreenedColumn> leftOut = [];
        if (mapping.FeatureColumns is null)
        {
            // More columns than the tenant may declare: the ones that go with the outcome most are kept (named columns never are screened).
            var columnOf = header.GroupBy(ExperimentRowMapper.AttributeName).ToDictionary(g => g.Key, g => g.First());
            var screened = OutcomeAssociation.Screen(
                features, tenant.AttributeSchema.Select(a => a.Name).ToHashSet(), AttributeSchemaRules.MaxAttributes, f => measures.Association.Of(columnOf[f.Name]));
            features = screened.Kept;
            leftOut = screened.LeftOut.Take(OutcomeAssociation.MaxReported).Select(f => new ScreenedColumn(columnOf[f.Feature.Name], Math.Round(f.Association, 4))).ToList();
        }

        var schema = await DeclareFeaturesAsync(tenant, features);
        // Without a stated assignment time, the first import's time stays: importing the file again changes nothing.
        var earlier = await campaignStore.GetAsync(tenant.Id, mapping.CampaignId(mapping.Arms[0]), cancellationToken);
        var assignedAt = mapping.AssignedAt ?? (earlier is { Source: CampaignSource.Imported } ? earlier.Design.StartsAt : job.CreatedAt);
        var assignments = statistics[mapping.AssignmentColumn];
        var control = mapping.ControlValues.Sum(assignments.Count);
        var campaigns = mapping.Arms.Select(arm =>
        {
            var treated = assignments.Count(arm.AssignmentValue);
            var design = arm.ToDesign($"{mapping.Name}: {arm.Name}", assignedAt, mapping.WindowDays, control + treated > 0 ? (double)control / (control + treated) : 0);
            return new Campaign(mapping.CampaignId(arm), design, CampaignStatus.Ended, CampaignSource.Imported, job.CreatedAt, job.CreatedAt, assignedAt, design.EndsAt);
        }).ToList();
        await campaignStore.UpsertImportedAsync(tenant.Id, job.Id, campaigns, cancellationToken);
        var covariates = mapping.CovariateColumns ?? [];
        await store.SaveCovariateNamesAsync(tenant.Id, campaigns.Select(c => c.Id).ToList(), covariates.Select(ExperimentRowMapper.AttributeName).ToList(), cancellationToken);
        // A mean thrown off by a value the rows refuse would refuse the empty cells too: 0 then.
        var covariateMeans = covariates.ToDictionary(c => c, c => statistics.TryGetValue(c, out var stats) && stats.Mean is { } mean && Math.Abs(mean) <= ExperimentMapping.MaxCovariateMagnitude ? mean : 0);
        return new ExperimentWriter(store, writes, job, mapping, tenant with { AttributeSchema = schema }, features, campaigns, assignedAt, covariateMeans, unbalanced, leftOut);
    }

    private async Task<IReadOnlyList<AttributeDefinition>> DeclareFeaturesAsync(TenantInfo tenant, IReadOnlyList<AttributeDefinition> features)
    {
        var schema = tenant.AttributeSchema.ToList();
        foreach (var feature in features)
        {
            var existing = schema.FirstOrDefault(a => a.Name == feature.Name);
            if (existing is null)
            {
                schema.Add(feature);
            }
            else if (existing.Kind != feature.Kind)
            {
                throw new ImportFailure($"Column for attribute '{feature.Name}' holds {feature.Kind} values, but the tenant declares it {existing.Kind}.");
            }
        }

        if (schema.Count > AttributeSchemaRules.MaxAttributes)
        {
            throw new ImportFailure(
                $"options.experiment.featureColumns would give the tenant {schema.Count} custom attributes, and it may have at most {AttributeSchemaRules.MaxAttributes}: " +
                "name fewer, or leave featureColumns out to keep those that go with the outcome most.");
        }

        if (AttributeSchemaRules.Validate(schema) is [var problem, ..])
        {
            throw new ImportFailure($"The features cannot be declared as attributes: {problem.Message}");
        }

        await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenant.Id)).SetAttributeSchemaAsync(schema);
        return schema;
    }
}
