using Hangfire;
using Platform.Abstractions;
using Platform.Abstractions.Jobs;
using Platform.Abstractions.Tenants;
using Platform.Domain.Modeling.UserScores;
using Platform.Domain.Models;
using Platform.Domain.Profiles;
using Platform.ML;
using Platform.ML.UserScores;
using Platform.Storage.Models;
using Platform.Storage.Training;

namespace Platform.Worker.Jobs;

/// <summary>
/// Runs a tenant's ACTIVE USERS version on every user with a profile, 500 at a time, with their features as of now,
/// and stores the scores where user(id) and audience rules read them (docs/models.md#scores-on-users).
/// </summary>
public sealed class UserScoringJob(
    ModelRegistry registry, CurrentUserFeatures features, UserScoreStore scores, IClusterClient cluster, TimeProvider clock, ILogger<UserScoringJob> logger) : IUserScoringJob
{
    public const string RecurringId = "user-scoring";

    [AutomaticRetry(Attempts = 2)]
    public async Task ScoreTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (await registry.ActiveAsync(tenantId, ModelTask.Users, cancellationToken) is not { } version
            || await cluster.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId)).GetAsync() is not { } tenant)
        {
            return;
        }

        var device = TorchRuntime.SelectDevice();
        using var model = UserScoreModel.FromBytes(await registry.WeightsAsync(tenantId, version.Id, cancellationToken), device);
        var settings = ProfileSettings.WithHalfLifeDays(tenant.Settings.AffinityHalfLifeDays);
        var facts = await features.CatalogAsync(tenantId, cancellationToken);
        var now = clock.GetUtcNow();
        var scored = 0;
        await foreach (var ids in features.AllAsync(tenantId, cancellationToken))
        {
            var vectors = new float[ids.Count * model.Schema.Width];
            var current = await features.OfAsync(tenantId, ids, now, settings, facts, cancellationToken);
            for (var i = 0; i < ids.Count; i++)
            {
                model.Schema.Encode(current[i], vectors.AsSpan(i * model.Schema.Width, model.Schema.Width));
            }

            var result = model.Score(vectors, device);
            await scores.WriteAsync(
                tenantId,
                ids.Select((id, i) => (id, model.ToUserScore(result, i, version.Id, now))).ToList(),
                cancellationToken);
            scored += ids.Count;
            if (scored % 10_000 < ids.Count)
            {
                logger.LogInformation("Scoring the users of {TenantId} with version {VersionId}: {Scored} so far", tenantId, version.Id, scored);
            }
        }

        logger.LogInformation("Scored {Scored} users of {TenantId} with version {VersionId}", scored, tenantId, version.Id);
    }

    [AutomaticRetry(Attempts = 0)] // tomorrow's run comes anyway
    public async Task ScoreAllAsync(CancellationToken cancellationToken)
    {
        foreach (var version in (await registry.AllActiveAsync(cancellationToken)).Where(v => v.Task == ModelTask.Users))
        {
            try
            {
                await ScoreTenantAsync(version.TenantId, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Scoring the users of {TenantId} failed", version.TenantId);
            }
        }
    }
}
