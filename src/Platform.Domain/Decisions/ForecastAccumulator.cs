using Platform.Domain.Campaigns;

namespace Platform.Domain.Decisions;

/// <summary>
/// Sums a design's predicted outcomes over an audience, user by user (docs/forecasts.md#intervals). Each ensemble member's
/// totals are kept apart: their spread is what the model does not know. Each user's own chance adds sampling noise
/// (Bernoulli purchases, log-normal order values with the model's spread). A figure's variance is the members' variance
/// (times <see cref="Widening"/>² for a design outside what the model learned from) plus the sampling variance.
/// </summary>
public sealed class ForecastAccumulator
{
    private const int Quantities = 7; // participants, conversions, gmv, incremental conversions, incremental gmv, cost, incremental margin
    private readonly CampaignDesign design;
    private readonly double marginRate;
    private readonly double valueSpread;
    private readonly double treatedShare;
    private readonly double ordersPerConverter;
    private readonly double[,] memberTotals;
    private readonly double[] samplingVariance = new double[Quantities];
    private readonly Dictionary<string, Group> groups = new(StringComparer.Ordinal);
    private long users;

    /// <param name="orderValueLogVariance">The model's spread of log order values around its prediction.</param>
    /// <param name="treatedShare">The share of the audience on the treatment side: 1 − the holdout share.</param>
    /// <param name="ordersPerConverter">The orders a converting user places in the window, on average (the version's training users').</param>
    public ForecastAccumulator(int members, CampaignDesign design, double marginRate, double orderValueLogVariance, double treatedShare, double ordersPerConverter)
    {
        this.design = design;
        this.marginRate = marginRate;
        this.treatedShare = treatedShare;
        this.ordersPerConverter = ordersPerConverter;
        valueSpread = Math.Exp(orderValueLogVariance);
        memberTotals = new double[members, Quantities];
    }

    /// <summary>How much wider the members' spread is taken for a design the model has not seen (a warning says so).</summary>
    public double Widening { get; set; } = 1;

    public void Add(IReadOnlyList<ResponsePrediction> user, string? group)
    {
        users++;
        var g = group is null ? null : groups.TryGetValue(group, out var found) ? found : groups[group] = new Group(memberTotals.GetLength(0));
        if (g is not null)
        {
            g.Users++;
        }

        for (var m = 0; m < user.Count; m++)
        {
            var values = Amounts(user[m]);
            for (var q = 0; q < Quantities; q++)
            {
                memberTotals[m, q] += treatedShare * values[q];
                if (g is not null)
                {
                    g.Totals[m, q] += treatedShare * values[q];
                }
            }
        }

        var mean = new ResponsePrediction(
            user.Average(p => p.ControlConversion), user.Average(p => p.TreatedConversion), user.Average(p => p.ControlOrderValue),
            user.Average(p => p.TreatedOrderValue), user.Average(p => p.Participation));
        var noise = Noise(mean);
        for (var q = 0; q < Quantities; q++)
        {
            samplingVariance[q] += treatedShare * noise[q];
            if (g is not null)
            {
                g.Sampling[q] += treatedShare * noise[q];
            }
        }
    }

    /// <summary>
    /// The forecast. With a budget, spending stops when the expected cost reaches it: every treated quantity is scaled by
    /// the share of the expected cost the budget pays for, and the campaign is expected to run out of budget that far
    /// into its duration.
    /// </summary>
    public CampaignForecast Result(decimal? budget, IReadOnlyList<string> warnings)
    {
        var cost = Point(memberTotals, 5);
        var share = budget is { } b && cost > (double)b ? (double)b / cost : 1;
        var runsOut = share < 1 ? design.StartsAt + (design.Duration * share) : (DateTimeOffset?)null;
        ForecastFigure Figure(int q) => Of(memberTotals, samplingVariance, q, share);
        var incrementalGmv = Figure(4);
        var discount = Figure(5);
        var treatedUsers = users * treatedShare * share;
        var contact = treatedUsers * (double)design.CostPerContact; // as many contacts as treated users: no spread to add
        var spent = discount.Value + contact;
        var roi = spent > 0
            ? new ForecastFigure(
                (incrementalGmv.Value - spent) / spent,
                (incrementalGmv.Low80 - spent) / spent, (incrementalGmv.High80 - spent) / spent,
                (incrementalGmv.Low95 - spent) / spent, (incrementalGmv.High95 - spent) / spent)
            : null;
        var segments = groups.OrderByDescending(g => g.Value.Users).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ForecastGroup(g.Key, g.Value.Users, Of(g.Value.Totals, g.Value.Sampling, 3, share), Of(g.Value.Totals, g.Value.Sampling, 4, share), Of(g.Value.Totals, g.Value.Sampling, 6, share)))
            .ToList();
        var conversions = Figure(1);
        return new CampaignForecast(
            users, treatedUsers, Figure(0), conversions, Figure(2), Figure(3), incrementalGmv, discount, Figure(6), roi, share, runsOut, segments, warnings,
            Orders: conversions.Times(ordersPerConverter), ContactCost: new ForecastFigure(contact, contact, contact, contact, contact));
    }

    private double[] Amounts(ResponsePrediction p)
    {
        var cost = OfferValuation.DiscountCost(design, p.TreatedConversion, p.TreatedOrderValue);
        return [p.Participation, p.TreatedConversion, p.TreatedConversion * p.TreatedOrderValue, p.IncrementalConversions, p.IncrementalRevenue, cost, OfferValuation.Margin(p.IncrementalRevenue, cost, design, marginRate)];
    }

    // Each quantity's variance from the user's own chance, given the ensemble's mean prediction: a purchase is a coin flip
    // with chance q, its value V log-normal with mean v and E[V²] = v²·e^σ². The discount of an order is a share of V
    // (percent types) or an amount, so the cost and the margin of a purchase move with its value: their variances say so.
    private double[] Noise(ResponsePrediction p)
    {
        double Bernoulli(double q) => q * (1 - q);
        double Spend(double q, double value) => (q * value * value * valueSpread) - (q * value * q * value);
        var (q, v) = (p.TreatedConversion, p.TreatedOrderValue);
        var (share, offAmount) = OfferValuation.DiscountPerOrder(design);
        var amount = Math.Min(offAmount, v); // at most the order, as the expected cost takes it
        var gmvTreated = Spend(q, v);
        var gmvControl = Spend(p.ControlConversion, p.ControlOrderValue);
        var cost = (share * share * gmvTreated) + (amount * amount * Bernoulli(q));

        // A treated purchase adds (marginRate − share)·V − amount of margin.
        var keep = marginRate - share;
        var treatedMargin = (q * ((keep * keep * v * v * valueSpread) - (2 * keep * amount * v) + (amount * amount))) - Math.Pow(q * ((keep * v) - amount), 2);
        return
        [
            Bernoulli(p.Participation), Bernoulli(q), gmvTreated,
            Bernoulli(q) + Bernoulli(p.ControlConversion), gmvTreated + gmvControl, cost,
            treatedMargin + (marginRate * marginRate * gmvControl),
        ];
    }

    private ForecastFigure Of(double[,] totals, double[] sampling, int q, double share)
    {
        var members = totals.GetLength(0);
        var mean = Point(totals, q);
        var spread = 0.0;
        for (var m = 0; m < members; m++)
        {
            spread += (totals[m, q] - mean) * (totals[m, q] - mean);
        }

        var memberVariance = members > 1 ? spread / (members - 1) * Widening * Widening : 0;
        // Each part is a variance (≥ 0); Max keeps rounding from making a tiny one negative.
        return ForecastFigure.Normal(mean * share, Math.Sqrt(Math.Max(0, (memberVariance * share * share) + (sampling[q] * share))));
    }

    private static double Point(double[,] totals, int q)
    {
        var sum = 0.0;
        for (var m = 0; m < totals.GetLength(0); m++)
        {
            sum += totals[m, q];
        }

        return sum / totals.GetLength(0);
    }

    private sealed class Group(int members)
    {
        public long Users { get; set; }

        public double[,] Totals { get; } = new double[members, Quantities];

        public double[] Sampling { get; } = new double[Quantities];
    }
}
