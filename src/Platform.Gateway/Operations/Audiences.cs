using System.Text.RegularExpressions;
using Platform.Domain.Audiences;
using Platform.Domain.Events;
using Platform.Gateway.GraphQL.Execution;
using Platform.Gateway.GraphQL.Types.Audiences;
using Platform.Storage.Audiences;

namespace Platform.Gateway.Operations;

/// <summary>Audience listings, summaries and named segments; every audience is validated before it runs.</summary>
public sealed partial class Audiences(AudienceQueries queries, SegmentStore segments, SegmentCache cache)
{
    public const int DefaultPage = 50;
    public const int MaxPage = 500;

    public async Task<ShopperPage> PageAsync(string tenantId, Audience audience, int? first, string? after, CancellationToken cancellationToken)
    {
        Require(AudienceRules.Validate(audience));
        var size = first ?? DefaultPage;
        if (size is < 1 or > MaxPage)
        {
            throw new InputError("first", $"must be between 1 and {MaxPage}");
        }

        var (page, hasMore) = await queries.PageAsync(tenantId, audience, size, after, cancellationToken);
        return new ShopperPage(page, hasMore);
    }

    public async Task<AudienceSummary> SummarizeAsync(string tenantId, Audience audience, CancellationToken cancellationToken)
    {
        Require(AudienceRules.Validate(audience));
        return await queries.SummarizeAsync(tenantId, audience, cancellationToken);
    }

    public async Task<Segment> CreateSegmentAsync(string tenantId, string name, AudienceRule rule, CancellationToken cancellationToken)
    {
        if (!SegmentName().IsMatch(name))
        {
            throw new InputError("name", "must be 1-64 characters: a lowercase letter, then lowercase letters, digits, '_' or '-'");
        }

        Require(AudienceRules.Validate(rule));
        var created = await segments.CreateAsync(tenantId, name, rule, cancellationToken)
            ?? throw new global::GraphQL.ExecutionError($"A segment named '{name}' already exists.") { Code = "ALREADY_EXISTS" };
        cache.Invalidate(tenantId);
        return created;
    }

    public Task<IReadOnlyList<Segment>> ListSegmentsAsync(string tenantId, CancellationToken cancellationToken) => segments.ListAsync(tenantId, cancellationToken);

    /// <summary>The names of the tenant's segments whose rule holds for the shopper now.</summary>
    public async Task<IReadOnlyList<string>> MembershipsAsync(string tenantId, ShopperSnapshot shopper) =>
        (await cache.ListAsync(tenantId)).Where(s => AudienceEvaluator.Matches(s.Rule, shopper)).Select(s => s.Name).ToList();

    private static void Require(IReadOnlyList<Violation> violations)
    {
        if (violations is [var first, ..])
        {
            throw new InputError(first.Field, first.Message.TrimEnd('.'));
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentName();
}
