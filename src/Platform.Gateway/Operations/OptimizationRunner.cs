using Platform.Abstractions;
using Platform.Abstractions.Progress;
using Platform.Abstractions.Tenants;
using Platform.Domain.Decisions;
using Platform.Domain.Jobs;
using Platform.Domain.Profiles;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Auth;
using Platform.Gateway.Serving;
using Platform.ML.Uplift;
using Platform.Storage.Audiences;
using Platform.Storage.Campaigns;

namespace Platform.Gateway.Operations;

/// <summary>
/// Runs optimizeCampaign searches in the background on this gateway node, one at a time (others wait QUEUED), reporting
/// progress to <see cref="OptimizationStore"/> and to optimizationProgress subscribers at most once a second, and touching
/// the row at least every <see cref="Heartbeat"/> while it waits, so a search whose node stopped can be told apart.
/// </summary>
public sealed class OptimizationRunner(
    OptimizationStore store, AudienceFeatures audiences, ActiveModels<UpliftModel> models, TenantDirectory tenants, IGrainFactory grains,
    IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<OptimizationRunner> logger)
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    public void Start(string tenantId, Guid id, DesignSearch search) => _ = Task.Run(() => RunAsync(tenantId, id, search, lifetime.ApplicationStopping));

    private async Task RunAsync(string tenantId, Guid id, DesignSearch search, CancellationToken cancellationToken)
    {
        var status = RunStatus.Succeeded;
        try
        {
            while (!await oneAtATime.WaitAsync(Heartbeat, cancellationToken))
            {
                await ReportAsync(tenantId, id, RunStatus.Queued, "queued", 0, null, null);
            }

            try
            {
                var result = await SearchAsync(tenantId, id, search, cancellationToken);
                await store.SucceedAsync(tenantId, id, result, CancellationToken.None);
            }
            finally
            {
                oneAtATime.Release();
            }
        }
        catch (Exception e)
        {
            var message = e switch
            {
                ApiError api => api.Message,
                OperationCanceledException => "The gateway node running this search is shutting down; start it again.",
                _ => "The search failed on the server; see the gateway's log.",
            };
            logger.LogWarning(e, "Optimization {Id} of tenant {TenantId} failed", id, tenantId);
            status = RunStatus.Failed;
            await store.FailAsync(tenantId, id, message, CancellationToken.None);
        }

        await PublishAsync(tenantId, id, status);
    }

    /// <summary>A search ranks designs by margin: a version without order values (every margin 0) cannot judge one.</summary>
    public static void RequireOrderValues(UpliftModel model)
    {
        if (!model.Value.Learned)
        {
            throw ApiError.Invalid("input", "not_applicable", "The ACTIVE UPLIFT version has no order values (its experiments recorded no revenue), so it cannot rank designs by margin: forecast them one at a time (incremental conversions), or import revenue and retrain.");
        }
    }

    private async Task<OptimizationResult> SearchAsync(string tenantId, Guid id, DesignSearch search, CancellationToken cancellationToken)
    {
        using var lease = await models.RequireAsync(tenantId, cancellationToken);
        RequireOrderValues(lease.Model); // the version may have changed since the search was accepted
        var tenant = await tenants.FindAsync(tenantId);
        var marginRate = tenant?.Settings.MarginRate ?? TenantSettings.DefaultMarginRate;
        var settings = ProfileSettings.WithHalfLifeDays(tenant?.Settings.AffinityHalfLifeDays ?? TenantSettings.Default.AffinityHalfLifeDays);
        var size = await audiences.CountAsync(tenantId, search.AudienceOrBase, cancellationToken);
        await ReportAsync(tenantId, id, RunStatus.Running, "reading the audience", 0, size, lease.VersionId);
        var audience = new EncodedAudience(lease.Model, search.Base);
        var reported = DateTimeOffset.MinValue;
        async Task Report(string phase, double progress)
        {
            if (clock.GetUtcNow() - reported >= ReportEvery)
            {
                reported = clock.GetUtcNow();
                await ReportAsync(tenantId, id, RunStatus.Running, phase, progress, size, lease.VersionId);
            }
        }

        await foreach (var batch in audiences.ReadAsync(tenantId, search.AudienceOrBase, clock.GetUtcNow(), settings, cancellationToken))
        {
            audience.Add(batch);
            await Report("reading the audience", 0.1 * audience.Users / Math.Max(1, size));
        }

        // The sweep is CPU work off the request threads; a progress report is written only when the last one has been.
        Task pending = Task.CompletedTask;
        var candidates = search.Candidates();
        var forecasts = await Task.Run(
            () => new DesignSweep(lease.Model, marginRate).Run(audience, candidates, search.BudgetOrBase, (phase, share) =>
            {
                if (pending.IsCompleted)
                {
                    pending = Report(phase, 0.1 + (0.85 * share));
                }
            }, cancellationToken),
            cancellationToken);
        await pending;
        var choice = DesignChoice.Choose(forecasts, search.ConstraintsOrNone);
        var drivers = choice.Recommended is { } best
            ? OfferScoring.Drivers(lease.Model, audience.Sample.Users(), new Offer(best.Candidate.Design, null), Objective.IncrementalMargin, marginRate)
            : [];
        return new OptimizationResult(choice, drivers);
    }

    private async Task ReportAsync(string tenantId, Guid id, RunStatus status, string phase, double progress, long? size, Guid? versionId)
    {
        await store.ProgressAsync(tenantId, id, status, phase, progress, size, versionId, CancellationToken.None);
        await PublishAsync(tenantId, id, status);
    }

    private async Task PublishAsync(string tenantId, Guid id, RunStatus status)
    {
        try
        {
            var update = new ProgressUpdate(RunKinds.Optimization, id, RunStatusNames.ToWire(status), status.IsFinished(), clock.GetUtcNow());
            await grains.GetGrain<IProgressGrain>(GrainKeys.Progress(tenantId, RunKinds.Optimization, id)).PublishAsync(update);
        }
        catch (Exception exception)
        {
            // Subscribers also poll the store; a lost signal only delays their update.
            logger.LogWarning(exception, "Could not publish the progress of optimization {Id}", id);
        }
    }
}
