namespace Platform.Gateway.Tests;

/// <summary>A selection costs what its arguments ask for (docs/api.md#limits), so ordinary selections pass and large ones do not.</summary>
public sealed class FieldCostTests : IDisposable
{
    private readonly SchemaHost host = new();

    [Theory]
    [InlineData("mutation { ingestEvents(events: []) { accepted results { eventId status errors { field rule message } notices { field rule message } } } }")]
    [InlineData("{ users(audience: { all: true }, first: 500) { nodes { userId tags segment } hasNextPage endCursor } }")]
    [InlineData("{ campaigns { nodes { id name kpis { treatment { users conversionRate } control { users conversionRate } conversionRateLift { value low high } } } } }")]
    [InlineData("{ webhooks { id deliveries(first: 20) { nodes { event status } } } }")]
    [InlineData("{ campaigns(status: SCHEDULED) { nodes { id } } }")]
    [InlineData("{ users(audience: { userIds: [\"a\"] }) { nodes { userId } } }")]
    [InlineData("{ user(id: \"u1\") { trajectory { type occurredAt itemId } categoryAffinities { key score } campaigns { campaignId } } }")]
    [InlineData("""
        { campaign(id: "c") { tracking { alert points { at status actual { value low high } expected { value low80 high80 low95 high95 }
          revenue { status actual { value low high } expected { value low80 high80 low95 high95 } }
          conversionRate { status actual { value low high } expected { value low80 high80 low95 high95 } }
          participation { status actual { value low high } expected { value low80 high80 low95 high95 } }
          discountCost { status actual { value low high } expected { value low80 high80 low95 high95 } } } } } }
        """)] // every figure of every hour: the points are computed from one read
    public async Task OrdinarySelectionsPass(string document) => Assert.Null(await ComplexityErrorAsync(document));

    [Theory]
    [InlineData("{ webhooks { deliveries(first: 200) { nodes { event } } } }")]
    [InlineData("{ campaigns(first: 200) { nodes { kpiHistory(from: \"2026-01-01T00:00:00Z\", to: \"2026-03-01T00:00:00Z\") { kpis { reach } } } } }")]
    [InlineData("{ a: audienceSummary(audience: { all: true }) { users } b: audienceSummary(audience: { all: true }) { users } c: audienceSummary(audience: { all: true }) { users } d: audienceSummary(audience: { all: true }) { users } e: audienceSummary(audience: { all: true }) { users } f: audienceSummary(audience: { all: true }) { users } g: audienceSummary(audience: { all: true }) { users } h: audienceSummary(audience: { all: true }) { users } i: audienceSummary(audience: { all: true }) { users } j: audienceSummary(audience: { all: true }) { users } k: audienceSummary(audience: { all: true }) { users } l: audienceSummary(audience: { all: true }) { users } m: audienceSummary(audience: { all: true }) { users } n: audienceSummary(audience: { all: true }) { users } o: audienceSummary(audience: { all: true }) { users } p: audienceSummary(audience: { all: true }) { users } q: audienceSummary(audience: { all: true }) { users } r: audienceSummary(audience: { all: true }) { users } s: audienceSummary(audience: { all: true }) { users } t: audienceSummary(audience: { all: true }) { users } u: audienceSummary(audience: { all: true }) { users } v: audienceSummary(audience: { all: true }) { users } w: audienceSummary(audience: { all: true }) { users } x: audienceSummary(audience: { all: true }) { users } y: audienceSummary(audience: { all: true }) { users } z: audienceSummary(audience: { all: true }) { users } aa: audienceSummary(audience: { all: true }) { users } ab: audienceSummary(audience: { all: true }) { users } ac: audienceSummary(audience: { all: true }) { users } ad: audienceSummary(audience: { all: true }) { users } ae: audienceSummary(audience: { all: true }) { users } af: audienceSummary(audience: { all: true }) { users } ag: audienceSummary(audience: { all: true }) { users } ah: audienceSummary(audience: { all: true }) { users } ai: audienceSummary(audience: { all: true }) { users } aj: audienceSummary(audience: { all: true }) { users } ak: audienceSummary(audience: { all: true }) { users } al: audienceSummary(audience: { all: true }) { users } am: audienceSummary(audience: { all: true }) { users } an: audienceSummary(audience: { all: true }) { users } ao: audienceSummary(audience: { all: true }) { users } }")]
    public async Task SelectionsThatAskForMuchAreRefused(string document) => Assert.Equal("COMPLEXITY", await ComplexityErrorAsync(document));

    [Fact]
    public async Task APageCostsItsSize()
    {
        Assert.Null(await ComplexityErrorAsync("{ webhooks { deliveries(first: 30) { nodes { event } } } }"));
        Assert.Equal("COMPLEXITY", await ComplexityErrorAsync("{ webhooks { deliveries(first: 50) { nodes { event } } } }"));
    }

    [Fact]
    public async Task AListingOfAnUpliftAudienceCostsAnAggregatePerPage()
    {
        static string Aliases(string audience) =>
            "{ " + string.Concat(Enumerable.Range(0, 41).Select(i => $"a{i}: users(audience: {audience}, first: 1) {{ nodes {{ userId }} }} ")) + "}";

        Assert.Null(await ComplexityErrorAsync(Aliases("{ all: true }")));
        Assert.Equal("COMPLEXITY", await ComplexityErrorAsync(Aliases("{ uplift: { keep: POSITIVE_MARGIN, campaignId: \"cmp-1\" } }")));
    }

    [Fact]
    public async Task CostsReadArgumentsFromVariables()
    {
        var variables = new GraphQL.Inputs(new Dictionary<string, object?> { ["after"] = null, ["first"] = 30 });

        Assert.Null(await ComplexityErrorAsync("query($after: String, $first: Int) { webhooks { deliveries(first: $first, after: $after) { nodes { event } } } }", variables));
        Assert.Null(await ComplexityErrorAsync("query($after: String) { campaigns(first: 2, after: $after) { nodes { id } hasNextPage endCursor } }", variables));
    }

    private async Task<string?> ComplexityErrorAsync(string document, GraphQL.Inputs? variables = null)
    {
        var result = await host.ExecuteAsync(document, Callers.Admin, variables: variables);
        return result.Errors?.FirstOrDefault(e => e.Code == "COMPLEXITY")?.Code
            ?? (result.Executed ? null : string.Join("; ", result.Errors?.Select(e => $"{e.Code}: {e.Message}") ?? []));
    }

    public void Dispose() => host.Dispose();
}
