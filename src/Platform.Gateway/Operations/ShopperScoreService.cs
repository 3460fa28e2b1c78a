using System.Globalization;
using Platform.Abstractions.Tenants;
using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Profiles;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Types;
using Platform.Gateway.Auth;
using Platform.Gateway.Serving;
using Platform.ML.Uplift;
using Platform.Storage.Audiences;

namespace Platform.Gateway.Operations;

/// <summary>How scoreShoppers orders its pages.</summary>
public enum ShopperScoreOrder
{
    UserId,
    UpliftDescending,
    IncrementalMarginDescending,
}

/// <summary>
/// One shopper under a design: the chance to buy without and with it, the uplift (their difference) and the expected
/// incremental margin, each estimate with its 95% interval across the ensemble; expected revenue on both sides; the
/// chance to take part.
/// </summary>
public sealed record ShopperScore(
    string UserId, double ConversionWithout, double ConversionWith, Estimate Uplift, double RevenueWithout, double RevenueWith,
    Estimate IncrementalMargin, double Participation);

/// <summary>
/// Per-shopper uplift scores of a design or saved campaign over an audience (docs/forecasts.md#per-shopper-scores): a
/// targeting list a merchant exports, and how the models are checked on held-out shoppers. In user id order a page
/// scores only its users; sorted by a score, the whole audience (at most <see cref="Hosting.DecisionOptions.MaxAudienceUsers"/>) is
/// scored for each page.
/// </summary>
public sealed class ShopperScoreService(ScoringTargets targets, UpliftAudiences upliftAudiences, AudienceFeatures audiences, ActiveModels<UpliftModel> models, TenantDirectory tenants, TimeProvider clock)
{
    public const int DefaultPage = 100;
    public const int MaxPage = 1_000;
    private const string List = "scoreShoppers";

    public async Task<Page<ShopperScore>> ScoreAsync(
        string tenantId, string? campaignId, CampaignDesign? design, Audience? audience, ShopperScoreOrder order, int? first, string? after,
        CancellationToken cancellationToken)
    {
        var size = Paging.Size(first, DefaultPage, MaxPage);
        var target = await targets.ResolveAsync(tenantId, campaignId, design, audience, budget: null, cancellationToken);
        var key = after is null ? null : Paging.Key(after, $"{List}:{order}");
        var offset = 0;
        if (key is not null && order != ShopperScoreOrder.UserId && !int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            throw Paging.BadCursor(List);
        }

        using var lease = await models.RequireAsync(tenantId, cancellationToken);
        var picked = await upliftAudiences.ResolveAsync(tenantId, target, lease, cancellationToken);
        var tenant = await tenants.FindAsync(tenantId);
        var marginRate = tenant?.Settings.MarginRate ?? TenantSettings.DefaultMarginRate;
        var settings = ProfileSettings.WithHalfLifeDays(tenant?.Settings.AffinityHalfLifeDays ?? TenantSettings.Default.AffinityHalfLifeDays);
        var offer = new Offer(target.Design, target.CampaignId);
        var now = clock.GetUtcNow();

        if (order == ShopperScoreOrder.UserId)
        {
            var page = await audiences.PageAsync(tenantId, picked, key, size + 1, now, settings, cancellationToken);
            return Page<ShopperScore>.From(Score(lease.Model, page, offer, marginRate), size, s => Paging.Cursor($"{List}:{order}", s.UserId));
        }

        await targets.RequireReadableAsync(tenantId, picked, cancellationToken);
        var all = new List<ShopperScore>();
        await foreach (var batch in audiences.ReadAsync(tenantId, picked, now, settings, cancellationToken))
        {
            all.AddRange(Score(lease.Model, batch, offer, marginRate));
        }

        Func<ShopperScore, double> by = order == ShopperScoreOrder.UpliftDescending ? s => s.Uplift.Value : s => s.IncrementalMargin.Value;
        var sorted = all.OrderByDescending(by).ThenBy(s => s.UserId, StringComparer.Ordinal).Skip(offset).Take(size + 1).ToList();
        var next = (offset + Math.Min(size, sorted.Count)).ToString(CultureInfo.InvariantCulture);
        return Page<ShopperScore>.From(sorted, size, _ => Paging.Cursor($"{List}:{order}", next));
    }

    private static List<ShopperScore> Score(UpliftModel model, IReadOnlyList<AudienceMember> users, Offer offer, double marginRate)
    {
        if (users.Count == 0)
        {
            return [];
        }

        var predictions = OfferScoring.Predict(model, users.Select(u => u.Features).ToList(), offer);
        return users.Select((user, i) =>
        {
            var members = predictions.Responses(i);
            var margin = OfferValuation.Value(members, offer.Design, Objective.IncrementalMargin, marginRate);
            var uplift = OfferValuation.Spread(members.Select(p => p.IncrementalConversions).ToArray());
            return new ShopperScore(
                user.UserId, members.Average(p => p.ControlConversion), members.Average(p => p.TreatedConversion), uplift,
                members.Average(p => p.ControlConversion * p.ControlOrderValue), members.Average(p => p.TreatedConversion * p.TreatedOrderValue),
                margin.Score, margin.Participation);
        }).ToList();
    }
}
