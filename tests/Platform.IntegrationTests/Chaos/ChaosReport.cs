namespace Platform.IntegrationTests.Chaos;

/// <summary>What a fault run did to the data, over both tenants: every figure the checker proves or refutes.</summary>
public sealed class ChaosReport(string fault, int seed, TimeSpan? recovery, TimeSpan duration)
{
    public long Sent { get; set; }

    public long Acknowledged { get; set; }

    public long Stored { get; set; }

    public long Lost { get; set; }

    public long Duplicated { get; set; }

    /// <summary>Events in the log that no client sent.</summary>
    public long Unknown { get; set; }

    public long FailedAttempts { get; set; }

    public int Users { get; set; }

    public int ProfilesWrong { get; set; }

    public int Campaigns { get; set; }

    public int KpisWrong { get; set; }

    /// <summary>The most any budgeted campaign counted as discount (its budget is <see cref="ChaosTenant.Budget"/>).</summary>
    public decimal BudgetSpent { get; set; }

    public long KpiUpdates { get; set; }

    public long ForeignKpiUpdates { get; set; }

    public int Deliveries { get; set; }

    public int DeliveriesReceived { get; set; }

    /// <summary>Webhook bodies that reached the endpoint of another tenant's webhook, or named another tenant's campaign.</summary>
    public int ForeignDeliveries { get; set; }

    public List<string> Problems { get; } = [];

    /// <summary>How long each check took to agree (they read until the figures settle), for the run's log.</summary>
    public List<string> CheckTimes { get; } = [];

    /// <summary>The documented bound: the last redemption counted may pass the budget by its own discount, never more.</summary>
    public static decimal BudgetBound => ChaosTenant.Budget + ChaosTenant.Discount;

    public bool Passed =>
        Lost == 0 && Duplicated == 0 && Unknown == 0 && ProfilesWrong == 0 && KpisWrong == 0 && BudgetsWrong == 0 && BudgetSpent <= BudgetBound
        && ForeignKpiUpdates == 0 && DeliveriesReceived == Deliveries && ForeignDeliveries == 0 && recovery is not null && Problems.Count == 0;

    /// <summary>The budgeted campaigns checked, and how many of them miscounted (lost or doubled a redemption) or never reached the budget.</summary>
    public int BudgetCampaigns { get; set; }

    public int BudgetsWrong { get; set; }

    public string Row =>
        $"| {fault} | {seed} | {Acknowledged:N0} of {Sent:N0} sent | {Stored:N0} | {Lost} | {Duplicated} | {Unknown} | {ProfilesWrong} of {Users} | " +
        $"{KpisWrong} of {Campaigns} | {BudgetSpent:0.##} of {ChaosTenant.Budget:0} ({BudgetsWrong} of {BudgetCampaigns}) | {KpiUpdates:N0} ({ForeignKpiUpdates}) | " +
        $"{DeliveriesReceived:N0} of {Deliveries:N0} ({ForeignDeliveries}) | " +
        $"{(recovery is { } r ? $"{r.TotalSeconds:F1} s" : "never")} | {FailedAttempts:N0} | {duration.TotalSeconds:F0} s |";

    public const string Header = """
        | fault | seed | events acknowledged | stored | lost | duplicated | stored but never sent | profiles not equal to the log | campaign KPIs not equal to the log | budget counted (budgeted campaigns miscounted) | KPI updates to partners (another's) | webhook deliveries received (another's) | recovery | failed attempts (retried) | run |
        |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
        """;
}
