using System.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.Abstractions;
using Platform.Abstractions.Tenants;
using Platform.Domain.Modeling;
using Platform.Domain.Modeling.UserScores;
using Platform.Domain.Models;
using Platform.Domain.Profiles;
using Platform.ML;
using Platform.ML.Training;
using Platform.ML.UserScores;
using Platform.Storage.Models;
using Platform.Storage.Training;
using static TorchSharp.torch;

namespace Platform.Worker.Training;

/// <summary>
/// Trains a USERS version for a run (docs/models.md#user-scores): reads the tenant's users in the window ending at its
/// latest event, trains and evaluates the model beside the logistic baseline, scores the ACTIVE version on the same held-out
/// users, stores the new version, and makes it ACTIVE only when it is the first or beats the ACTIVE one's purchase
/// propensity AUC by more than the configured margin.
/// </summary>
public sealed class UserScoreVersionTrainer(
    UserScoreRowReader rows,
    ModelRegistry registry,
    IClusterClient cluster,
    IOptions<ModelTrainingOptions> options,
    ILogger<UserScoreVersionTrainer> logger)
{
    public async Task<ModelVersionRecord> TrainAsync(TrainingRunRecord run, Device device, Action<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var settings = options.Value;
        var tenant = await cluster.GetGrain<ITenantGrain>(GrainKeys.Tenant(run.TenantId)).GetAsync()
            ?? throw new NotEnoughDataException($"Tenant '{run.TenantId}' does not exist.");
        var window = await rows.WindowAsync(run.TenantId, cancellationToken)
            ?? throw new NotEnoughDataException("The tenant has no events: user scores learn from behaviour events (docs/events.md).");
        var profileSettings = ProfileSettings.WithHalfLifeDays(tenant.Settings.AffinityHalfLifeDays);
        // At most a row per user and cutoff: the bound keeps the rows read within MaxRows.
        var sample = UserSample.ShareFor(await rows.CountAsync(run.TenantId, window, cancellationToken) * window.Snapshots, settings.MaxRows);
        var training = new UserScoreTraining(new UserScoreTraining.Options(settings.Seed, MaxEpochs: settings.MaxEpochs));
        long read = 0;
        async IAsyncEnumerable<UserScoreRow> Source()
        {
            read = 0;
            await foreach (var row in rows.ReadAsync(run.TenantId, window, profileSettings, sample, training.LearnsFromEarlierCutoffs, cancellationToken))
            {
                read++;
                yield return row;
            }
        }

        var (model, report) = await training.RunAsync(Source, device, progress, cancellationToken);
        using (model)
        {
            var champion = await Champion<UserScoreEvaluation>.ScoreAsync(
                registry, run.TenantId, ModelTask.Users, bytes => UserScoreModel.FromBytes(bytes, device), active => training.EvaluateAsync(active, Source, device, cancellationToken),
                new UserScoreEvaluation(0, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN), logger, cancellationToken);
            var facts = new TrainingFacts(
                read, window.CutoffOf(window.Snapshots - 1), window.End, null, report.TrainRows, report.ValidationUsers, report.TestUsers, settings.Seed,
                device.ToString(), get_num_threads(), TorchRuntime.TorchVersion, started.ElapsedMilliseconds, sample);
            var (activate, promotion) = PromotionRule.Decide(
                "users", "propensity AUC", report.Model.PropensityAuc, champion is null ? null : (champion.VersionId, champion.Evaluation.PropensityAuc), settings.PromotionMargin);
            var version = await registry.AddAsync(
                run.TenantId, ModelTask.Users, run.Id, model.ToBytes(), ModelJson.Write(model.Schema),
                ModelJson.Write(new UserScoreVersionMetrics(report, champion?.Evaluation, champion?.VersionId)), ModelJson.Write(facts),
                promotion, cancellationToken);
            logger.LogInformation(
                "Users version {VersionId} of {TenantId}: propensity AUC {Auc:F3} (baseline {BaselineAuc:F3}), {Personas} personas, {Promotion}",
                version.Id, run.TenantId, report.Model.PropensityAuc, report.Baseline.PropensityAuc, report.Personas.Count, promotion);
            return activate ? await registry.ActivateAsync(run.TenantId, version.Id, promotion, (run.Id, run.Attempts), cancellationToken) ?? version : version;
        }
    }
}
