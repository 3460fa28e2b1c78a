using Microsoft.Extensions.Options;
using Platform.Domain;
using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Domain.Errors;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Hosting;
using Platform.Storage.Audiences;
using Platform.Storage.Campaigns;

namespace Platform.Gateway.Operations;

/// <summary>
/// What an audience is scored for: a design, the saved campaign it is (if any), the audience and the budget;
/// <see cref="LaunchedOwnAudience"/> when the audience is a launched campaign's own (no audience argument), whose uplift
/// picks were frozen at launch.
/// </summary>
public sealed record ScoringTarget(CampaignDesign Design, string? CampaignId, Audience Audience, decimal? Budget, bool LaunchedOwnAudience = false);

/// <summary>
/// Resolves the arguments of forecast, forecastCampaign and scoreShoppers into a <see cref="ScoringTarget"/>, every broken
/// rule reported at once; an audience over <see cref="DecisionOptions.MaxAudienceUsers"/> users is refused before anything is scored.
/// </summary>
public sealed class ScoringTargets(CampaignStore campaigns, AudienceFeatures audiences, IOptions<PlatformOptions> options)
{
    /// <summary>Exactly one of a saved campaign (its design, audience and budget) and a design given whole.</summary>
    public async Task<ScoringTarget> ResolveAsync(
        string tenantId, string? campaignId, CampaignDesign? design, Audience? audience, decimal? budget, CancellationToken cancellationToken,
        string campaignArgument = "campaignId")
    {
        var violations = new List<Violation>();
        if ((campaignId is null) == (design is null))
        {
            violations.Add(new Violation(campaignArgument, "one_of", $"Give exactly one of {campaignArgument} and design."));
        }

        if (campaignId is not null && Identifiers.Check(campaignArgument, campaignId) is { } badId)
        {
            violations.Add(badId);
        }

        if (design is not null)
        {
            // The design's own paths (value, audience.rule.op) under the argument that holds them.
            violations.AddRange(CampaignDesignRules.Validate(design).Select(v => v with { Field = $"design.{v.Field}", Message = $"design.{v.Message}" }));
        }

        if (audience is not null)
        {
            violations.AddRange(AudienceRules.Validate(audience));
        }

        if (budget is <= 0)
        {
            violations.Add(new Violation("budget", "out_of_range", "budget must be more than 0 (leave it out for no budget)."));
        }

        ApiError.ThrowIfAny(violations);
        if (campaignId is not null)
        {
            var campaign = await campaigns.GetAsync(tenantId, campaignId, cancellationToken) ?? throw ApiError.NotFound("campaign", campaignId);
            return new ScoringTarget(campaign.Design, campaign.Id, audience ?? campaign.Design.AudienceOrAll, budget ?? campaign.Design.Budget, LaunchedOwnAudience: audience is null && campaign.LaunchedAt is not null);
        }

        return new ScoringTarget(design!, null, audience ?? design!.AudienceOrAll, budget ?? design!.Budget);
    }

    /// <summary>Refuses an audience too large to read whole; <paramref name="field"/> names it in the error.</summary>
    public async Task RequireReadableAsync(string tenantId, Audience audience, CancellationToken cancellationToken, string field = "audience")
    {
        var size = await audiences.CountAsync(tenantId, audience, cancellationToken);
        var limit = options.Value.Decisions.MaxAudienceUsers;
        if (size > limit)
        {
            throw ApiError.Invalid(field, "too_large", $"{field} holds {size} users; at most {limit} can be scored at once: narrow it with a rule or tags.");
        }
    }
}
