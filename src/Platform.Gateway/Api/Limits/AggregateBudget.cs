namespace Platform.Gateway.Api.Limits;

/// <summary>
/// One tenant's budget of whole-audience aggregate time on one node: it holds at most <c>burst</c> seconds and refills at
/// <c>refill</c> seconds per second. An aggregate may start while the balance is above zero and is charged its whole
/// duration when it ends (its cost is not known before), so the balance can go below zero; the tenant then waits until it
/// has refilled above zero. Over time a tenant's aggregates keep at most <c>refill</c> of one core busy on the node.
/// </summary>
public sealed class AggregateBudget
{
    private readonly Lock sync = new();
    private readonly double burst;
    private readonly double refill;
    private double balance;
    private DateTimeOffset refilledAt;

    public AggregateBudget(double burst, double refill, DateTimeOffset now)
    {
        this.burst = burst;
        this.refill = refill;
        balance = burst;
        refilledAt = now;
    }

    /// <summary>Null when an aggregate may start now; otherwise how long until the balance is above zero again.</summary>
    public TimeSpan? WaitBeforeStart(DateTimeOffset now)
    {
        lock (sync)
        {
            Refill(now);
            return balance > 0 ? null : TimeSpan.FromSeconds((-balance / refill) + 0.001);
        }
    }

    public void Charge(TimeSpan spent, DateTimeOffset now)
    {
        lock (sync)
        {
            Refill(now);
            balance -= Math.Max(0, spent.TotalSeconds);
        }
    }

    private void Refill(DateTimeOffset now)
    {
        if (now > refilledAt)
        {
            balance = Math.Min(burst, balance + ((now - refilledAt).TotalSeconds * refill));
            refilledAt = now;
        }
    }
}
