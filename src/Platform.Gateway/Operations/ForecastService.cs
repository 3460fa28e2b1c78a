using Platform.Abstractions.Tenants;
using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Modeling;
using Platform.Domain.Profiles;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Auth;
using Platform.Gateway.Serving;
using Platform.ML.Uplift;
using Platform.Storage.Audiences;
using Platform.Storage.Campaigns;
using static TorchSharp.torch;

namespace Platform.Gateway.Operations;

/// <summary>A forecast and the model version that made it.</summary>
public sealed record ForecastResult(Guid ModelVersionId, CampaignForecast Forecast, IReadOnlyList<string> Drivers);

/// <summary>
/// What-if forecasts (docs/forecasts.md): a design — saved or not — run on an audience by the tenant's ACTIVE uplift
/// version, summed user by user with intervals, capped by the budget.
/// </summary>
public sealed class ForecastService(
    AudienceFeatures audiences, CampaignStore campaigns, ActiveUpliftModels models, TenantDirectory tenants, TimeProvider clock)
{
    /// <summary>The largest audience one forecast scores; a larger one is refused with a clear error.</summary>
    public const int MaxAudience = 200_000;

    /// <summary>Users of the audience whose feature effects the drivers average.</summary>
    public const int DriverSample = 200;

    public Task<ForecastResult> ForecastAsync(string tenantId, CampaignDesign design, Audience? audience, decimal? budget, CancellationToken cancellationToken)
    {
        var violations = CampaignDesignRules.Validate(design).ToList();
        if (audience is not null)
        {
            violations.AddRange(AudienceRules.Validate(audience));
        }

        if (budget is <= 0)
        {
            violations.Add(new Domain.Errors.Violation("budget", "out_of_range", "budget must be more than 0 (leave it out for no budget)."));
        }

        ApiError.ThrowIfAny(violations);
        return RunAsync(tenantId, design, campaignId: null, audience ?? design.AudienceOrAll, budget ?? design.Budget, cancellationToken);
    }

    /// <summary>Forecasts a saved campaign with its own design, audience and budget.</summary>
    public async Task<ForecastResult> ForecastCampaignAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetAsync(tenantId, ApiError.RequireId("id", id), cancellationToken) ?? throw ApiError.NotFound("campaign", id);
        return await RunAsync(tenantId, campaign.Design, campaign.Id, campaign.Design.AudienceOrAll, campaign.Design.Budget, cancellationToken);
    }

    private async Task<ForecastResult> RunAsync(
        string tenantId, CampaignDesign design, string? campaignId, Audience audience, decimal? budget, CancellationToken cancellationToken)
    {
        var size = await audiences.CountAsync(tenantId, audience, cancellationToken);
        if (size > MaxAudience)
        {
            throw ApiError.Invalid("audience", "too_large", $"audience holds {size} users; a forecast scores at most {MaxAudience}: narrow it with a rule or tags.");
        }

        using var lease = await models.AcquireAsync(tenantId, cancellationToken)
            ?? throw ApiError.Refused(Domain.Errors.ErrorCodes.NotFound, "The tenant has no ACTIVE UPLIFT model to forecast with: train one with trainModels(task: UPLIFT).");
        var model = lease.Model;
        var tenant = await tenants.FindAsync(tenantId);
        var marginRate = tenant?.Settings.MarginRate ?? TenantSettings.DefaultMarginRate;
        var settings = ProfileSettings.WithHalfLifeDays(tenant?.Settings.AffinityHalfLifeDays ?? TenantSettings.Default.AffinityHalfLifeDays);
        var warnings = DesignCoverage.Warnings(design, model.Designs);
        var accumulator = new ForecastAccumulator(model.Members.Count, design, marginRate, model.Value.Variance, 1 - design.HoldoutShare)
        {
            Widening = warnings.Count > 0 ? DesignCoverage.Widening : 1,
        };
        var sample = new List<IReadOnlyDictionary<string, FeatureValue>>();
        await foreach (var batch in audiences.ReadAsync(tenantId, audience, clock.GetUtcNow(), settings, cancellationToken))
        {
            var users = new float[batch.Count * model.Schema.Width];
            var matches = new float[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                model.Schema.Encode(batch[i].Features, users.AsSpan(i * model.Schema.Width, model.Schema.Width));
                matches[i] = (float)DesignEncoder.CategoryMatch(design, batch[i].Features);
            }

            var predictions = model.Predict(users, matches, design, campaignId, CPU);
            for (var i = 0; i < batch.Count; i++)
            {
                accumulator.Add(predictions.Responses(i), batch[i].Segment ?? "none");
            }

            sample.AddRange(batch.Take(DriverSample - sample.Count).Select(m => m.Features));
        }

        var drivers = OfferScoring.Drivers(model, sample, new Offer(design, campaignId), Objective.IncrementalMargin, marginRate);
        return new ForecastResult(lease.VersionId, accumulator.Result(budget, warnings), drivers);
    }
}
