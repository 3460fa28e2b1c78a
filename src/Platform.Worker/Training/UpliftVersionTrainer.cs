using System.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.Abstractions;
using Platform.Abstractions.Tenants;
using Platform.Domain.Models;
using Platform.Domain.Modeling;
using Platform.Domain.Profiles;
using Platform.ML;
using Platform.ML.Training;
using Platform.ML.Uplift;
using Platform.Storage.Campaigns;
using Platform.Storage.Models;
using Platform.Storage.Training;
using static TorchSharp.torch;

namespace Platform.Worker.Training;

/// <summary>
/// Trains an uplift version for a run (docs/models.md#uplift): reads the tenant's outcome rows, trains and evaluates the
/// model beside its baseline, evaluates the ACTIVE version on the same held-out users, stores the new version, and
/// makes it ACTIVE only when it is the first or beats the ACTIVE one's Qini coefficient on the same held-out users by more than the configured margin.
/// </summary>
public sealed class UpliftVersionTrainer(
    UpliftRowReader rows,
    CampaignStore campaigns,
    ModelRegistry registry,
    IClusterClient cluster,
    IOptions<ModelTrainingOptions> options,
    ILogger<UpliftVersionTrainer> logger)
{
    public async Task<ModelVersionRecord> TrainAsync(TrainingRunRecord run, Device device, Action<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var settings = options.Value;
        var tenant = await cluster.GetGrain<ITenantGrain>(GrainKeys.Tenant(run.TenantId)).GetAsync()
            ?? throw new NotEnoughDataException($"Tenant '{run.TenantId}' does not exist.");
        var profileSettings = ProfileSettings.WithHalfLifeDays(tenant.Settings.AffinityHalfLifeDays);
        var ids = await rows.CampaignsWithRowsAsync(run.TenantId, cancellationToken);
        var designs = (await campaigns.GetManyAsync(run.TenantId, ids, cancellationToken)).Select(c => (c.Id, c.Design)).ToList();
        var sample = UserSample.ShareFor(await rows.CountAsync(run.TenantId, cancellationToken), settings.MaxRows);
        var range = new DataRange();
        IAsyncEnumerable<UpliftRow> Source() => range.Track(rows.ReadAsync(run.TenantId, profileSettings, sample, cancellationToken));

        var training = new UpliftTraining(new UpliftTraining.Options(settings.Seed, Members: settings.Members, MaxEpochs: settings.MaxEpochs));
        var (model, report) = await training.RunAsync(Source, designs, device, progress, cancellationToken);
        using (model)
        {
            bool? activeHasOrderValues = null;
            var champion = await Champion<UpliftEvaluation>.ScoreAsync(
                registry, run.TenantId, ModelTask.Uplift, bytes => UpliftModel.FromBytes(bytes, device),
                active =>
                {
                    activeHasOrderValues = active.Value.Learned;
                    return training.EvaluateAsync(active, Source, designs, device, cancellationToken);
                },
                new UpliftEvaluation(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN), logger, cancellationToken);
            var trainingInfo = new TrainingFacts(
                range.Rows, range.From, range.To, designs.Count, report.TrainRows, report.ValidationRows, report.TestRows, settings.Seed, device.ToString(), get_num_threads(), TorchRuntime.TorchVersion, started.ElapsedMilliseconds, sample);
            var (activate, promotion) = PromotionRule.DecideUplift(
                report.Model.Qini, champion is null ? null : (champion.VersionId, champion.Evaluation.Qini), settings.PromotionMargin, model.Value.Learned, activeHasOrderValues);
            var version = await registry.AddAsync(
                run.TenantId, ModelTask.Uplift, run.Id, model.ToBytes(), ModelJson.Write(model.Schema),
                ModelJson.Write(new UpliftVersionMetrics(report, champion?.Evaluation, champion?.VersionId)), ModelJson.Write(trainingInfo),
                promotion, cancellationToken);
            logger.LogInformation(
                "Uplift version {VersionId} of {TenantId}: qini {Qini:F5} (baseline {BaselineQini:F5}), {Promotion}",
                version.Id, run.TenantId, report.Model.Qini, report.Baseline.Qini, promotion);
            return activate ? await registry.ActivateAsync(run.TenantId, version.Id, promotion, (run.Id, run.Attempts), cancellationToken) ?? version : version;
        }
    }

    /// <summary>The first and last assignment and the row count of what was read.</summary>
    private sealed class DataRange
    {
        public long Rows { get; private set; }

        public DateTimeOffset? From { get; private set; }

        public DateTimeOffset? To { get; private set; }

        public async IAsyncEnumerable<UpliftRow> Track(IAsyncEnumerable<UpliftRow> rows)
        {
            Rows = 0;
            await foreach (var row in rows)
            {
                Rows++;
                From = From is { } from && from <= row.AssignedAt ? from : row.AssignedAt;
                To = To is { } to && to >= row.AssignedAt ? to : row.AssignedAt;
                yield return row;
            }
        }
    }
}
