using System.Text.RegularExpressions;
using Platform.Domain.Audiences;
using Platform.Domain.Events;
using Platform.Domain.Errors;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Types;
using Platform.Gateway.Api.Types.Audiences;
using Platform.Storage.Audiences;

namespace Platform.Gateway.Operations;

/// <summary>Audience listings, summaries and named segments; every audience is validated (and an uplift one resolved) before it runs.</summary>
public sealed partial class AudienceService(AudienceQueries queries, UpliftAudiences upliftAudiences, SegmentStore segments, SegmentCache cache)
{
    public const int DefaultPage = 50;
    public const int MaxPage = 500;

    public async Task<Page<UserSummary>> PageAsync(string tenantId, Audience audience, int? first, string? after, CancellationToken cancellationToken)
    {
        ApiError.ThrowIfAny(AudienceRules.Validate(audience));
        var size = Paging.Size(first, DefaultPage, MaxPage);
        var afterUser = after is null ? null : Paging.Key(after, "users");
        var resolved = await upliftAudiences.ResolveAsync(tenantId, audience, cancellationToken);
        return Page<UserSummary>.From(await queries.PageAsync(tenantId, resolved, size + 1, afterUser, cancellationToken), size, u => Paging.Cursor("users", u.UserId));
    }

    public async Task<AudienceSummary> SummarizeAsync(string tenantId, Audience audience, CancellationToken cancellationToken)
    {
        ApiError.ThrowIfAny(AudienceRules.Validate(audience));
        return await queries.SummarizeAsync(tenantId, await upliftAudiences.ResolveAsync(tenantId, audience, cancellationToken), cancellationToken);
    }

    public async Task<Segment> CreateSegmentAsync(string tenantId, string name, AudienceRule rule, CancellationToken cancellationToken)
    {
        if (!SegmentName().IsMatch(name))
        {
            throw ApiError.Invalid("name", "format", "name must be 1-64 characters: a lowercase letter, then lowercase letters, digits, '_' or '-'.");
        }

        ApiError.ThrowIfAny(AudienceRules.Validate(rule));
        var created = await segments.CreateAsync(tenantId, name, rule, cancellationToken)
            ?? throw (await segments.CountAsync(tenantId, cancellationToken) >= SegmentStore.MaxPerTenant
                ? ApiError.Refused(ErrorCodes.LimitReached, $"A tenant has at most {SegmentStore.MaxPerTenant} segments.")
                : ApiError.Refused(ErrorCodes.AlreadyExists, $"A segment named '{name}' already exists."));
        cache.Invalidate(tenantId);
        return created;
    }

    public Task<IReadOnlyList<Segment>> ListSegmentsAsync(string tenantId, CancellationToken cancellationToken) => segments.ListAsync(tenantId, cancellationToken);

    /// <summary>The names of the tenant's segments whose rule holds for the user now.</summary>
    public async Task<IReadOnlyList<string>> MembershipsAsync(string tenantId, UserSnapshot user) =>
        (await cache.ListAsync(tenantId)).Where(s => AudienceEvaluator.Matches(s.Rule, user)).Select(s => s.Name).ToList();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentName();
}
