using Platform.Domain;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Domain.Campaigns;
using Platform.Simulation;

namespace Platform.Cli.Demo;

/// <summary>
/// A past campaign of the simulated shop as a merchant would export it (one row per customer: arm, orders and
/// revenue in the window, pre-period behaviour), the import options that map it, and the ground truth beside it.
/// </summary>
public static class ExperimentFiles
{
    public static async Task WriteExperimentAsync(string path, IReadOnlyList<(SimulatedUser User, ExperimentOutcome Outcome)> rows, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("customer_id,arm,orders,revenue,sessions_30d,cart_adds_30d,purchases_90d,spend_90d,days_since_visit\n");
        foreach (var (user, o) in rows)
        {
            var f = o.Features;
            csv.Append(CultureInfo.InvariantCulture, $"{user.Id},{o.AssignmentValue},{o.Orders},{o.Revenue},{f.Sessions30Days},{f.CartAdds30Days},{f.Purchases90Days},{f.Spend90Days},{f.DaysSinceVisit}\n");
        }

        await File.WriteAllTextAsync(path, csv.ToString(), cancellationToken);
    }

    /// <summary>The ground truth: for every customer and arm, the exact chance of buying and expected revenue without and with the offer.</summary>
    public static async Task WriteTruthAsync(string path, IReadOnlyList<(SimulatedUser User, ExperimentOutcome Outcome)> rows, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("customer_id,assigned,arm,conversion_control,conversion_treated,revenue_control,revenue_treated\n");
        foreach (var (user, o) in rows)
        {
            foreach (var truth in o.Truth)
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{user.Id},{o.Arm?.Name ?? "control"},{truth.Arm},{truth.ConversionControl:R},{truth.ConversionTreated:R},{truth.RevenueControl:R},{truth.RevenueTreated:R}\n");
            }
        }

        await File.WriteAllTextAsync(path, csv.ToString(), cancellationToken);
    }

    /// <summary>An arm as the mapping gives it: every design field the simulated campaign had (its value, channel and categories).</summary>
    private static JsonNode Arm(CampaignPlan plan, SimulatedArm arm, DateTimeOffset now)
    {
        var design = SimulatedUpliftData.Design(plan, arm, now);
        var json = new JsonObject
        {
            ["value"] = arm.AssignmentValue,
            ["name"] = arm.Name,
            ["type"] = WireNames.ToWire(design.Type),
            ["channel"] = WireNames.ToWire(design.Channel!.Value),
        };
        if (design.Value is { } value)
        {
            json["amount"] = value;
        }

        if (design.CategoryIds is { } categories)
        {
            json["categoryIds"] = new JsonArray(categories.Select(c => (JsonNode)c).ToArray());
        }

        return json;
    }

    public static JsonNode Options(CampaignPlan plan, DateTimeOffset now) => new JsonObject
    {
        ["tags"] = new JsonArray("demo"),
        ["experiment"] = new JsonObject
        {
            ["name"] = plan.Name,
            ["userIdColumn"] = "customer_id",
            ["assignmentColumn"] = "arm",
            ["controlValues"] = new JsonArray(CampaignPlan.ControlValue),
            ["arms"] = new JsonArray(plan.Arms.Select(arm => Arm(plan, arm, now)).ToArray()),
            ["conversionColumn"] = "orders",
            ["revenueColumn"] = "revenue",
            ["windowDays"] = plan.WindowDays,
            ["assignedAt"] = plan.Start(now).ToString("O", CultureInfo.InvariantCulture),
            ["covariateColumns"] = new JsonArray(MeasurementRows.ShopCovariates.Select(c => (JsonNode)c).ToArray()),
        },
    };
}
