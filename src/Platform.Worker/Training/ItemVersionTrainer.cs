using System.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.Domain.Modeling;
using Platform.Domain.Modeling.Items;
using Platform.Domain.Models;
using Platform.ML;
using Platform.ML.Items;
using Platform.ML.Training;
using Platform.Storage.Models;
using Platform.Storage.Training;
using static TorchSharp.torch;

namespace Platform.Worker.Training;

/// <summary>
/// Trains an ITEMS version for a run (docs/models.md#item-recommendations): reads the tenant's item interactions, trains
/// and evaluates the recommender beside popularity and item-kNN, scores the ACTIVE version on the same held-out items,
/// stores the new version, and makes it ACTIVE only when it is the first or beats the ACTIVE one's NDCG@10 by more than the configured margin.
/// </summary>
public sealed class ItemVersionTrainer(
    ItemInteractionReader interactions, ModelRegistry registry, IOptions<ModelTrainingOptions> options, ILogger<ItemVersionTrainer> logger)
{
    public async Task<ModelVersionRecord> TrainAsync(TrainingRunRecord run, Device device, Action<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var settings = options.Value;
        progress(new TrainingProgress("reading", 1, 1, Detail: "the item interactions"));
        var sample = UserSample.ShareFor(await interactions.CountAsync(run.TenantId, cancellationToken), settings.MaxRows);
        var (data, catalog) = await interactions.ReadAsync(run.TenantId, sample, cancellationToken);
        var (model, report) = new ItemTraining(new ItemTraining.Options(settings.Seed, MaxEpochs: settings.MaxEpochs))
            .Run(data, id => catalog.TryGetValue(id, out var facts) ? (facts.CategoryId, facts.Brand) : (null, null), device, progress, cancellationToken);
        using (model)
        {
            var champion = await Champion<ItemEvaluation>.ScoreAsync(
                registry, run.TenantId, ModelTask.Items, bytes => ItemModel.FromBytes(bytes, device), active => Task.FromResult(ItemTraining.Evaluate(active, data, device)),
                new ItemEvaluation(0, double.NaN, double.NaN), logger, cancellationToken);
            var facts = new TrainingFacts(
                data.Users.Sum(u => u.Items.Length), null, null, null, report.TrainInteractions, report.ValidationUsers, report.TestUsers, settings.Seed,
                device.ToString(), get_num_threads(), TorchRuntime.TorchVersion, started.ElapsedMilliseconds, sample);
            var (activate, promotion) = PromotionRule.Decide(
                "items", "NDCG@10", report.Model.NdcgAt10, champion is null ? null : (champion.VersionId, champion.Evaluation.NdcgAt10), settings.PromotionMargin);
            var version = await registry.AddAsync(
                run.TenantId, ModelTask.Items, run.Id, model.ToBytes(), ModelJson.Write(new FeatureSchema([], [])),
                ModelJson.Write(new ItemVersionMetrics(report, champion?.Evaluation, champion?.VersionId)), ModelJson.Write(facts), promotion, cancellationToken);
            logger.LogInformation(
                "Items version {VersionId} of {TenantId}: NDCG@10 {Ndcg:F4} (popularity {Popularity:F4}, item-kNN {Knn:F4}), {Promotion}",
                version.Id, run.TenantId, report.Model.NdcgAt10, report.Popularity.NdcgAt10, report.ItemKnn.NdcgAt10, promotion);
            return activate ? await registry.ActivateAsync(run.TenantId, version.Id, promotion, (run.Id, run.Attempts), cancellationToken) ?? version : version;
        }
    }
}
