using Platform.Abstractions.Tenants;
using Platform.Domain.Auth;

namespace Platform.Gateway.Auth;

/// <summary>
/// The gate every GraphQL request and WebSocket operation passes: a valid key, an existing tenant, and
/// room in the tenant's rate limit: one token at the door, and the rest of its cost once validation knows it.
/// </summary>
public sealed class RequestAdmission(ApiKeyAuthenticator authenticator, TenantDirectory tenants, TenantRateLimiter rateLimiter, ILogger<RequestAdmission> logger)
{
    /// <summary>An operation takes one token per started <see cref="CostPerToken"/> of its cost (docs/api.md#rate-limiting).</summary>
    public const double CostPerToken = 100;

    /// <summary>A key for GraphQL: any but a TRACKER key.</summary>
    public async ValueTask<(Caller? Caller, AccessDenial? Denial)> AuthenticateAsync(string? secret, CancellationToken cancellationToken)
    {
        var (caller, denial) = await AuthenticateAnyAsync(secret, cancellationToken);
        return caller?.Role == Role.Tracker ? (null, AccessDenial.TrackerKeyOnGraphQL) : (caller, denial);
    }

    /// <summary>A key for the tracker source: a TRACKER key only.</summary>
    public async ValueTask<(Caller? Caller, AccessDenial? Denial)> AuthenticateTrackerAsync(string? secret, CancellationToken cancellationToken)
    {
        var (caller, denial) = await AuthenticateAnyAsync(secret, cancellationToken);
        return caller is null || caller.Role == Role.Tracker ? (caller, denial) : (null, AccessDenial.NotATrackerKey);
    }

    private async ValueTask<(Caller? Caller, AccessDenial? Denial)> AuthenticateAnyAsync(string? secret, CancellationToken cancellationToken)
    {
        var (caller, denial) = await authenticator.AuthenticateAsync(secret, cancellationToken);
        if (caller is null || caller.IsSystem)
        {
            return (caller, denial);
        }

        // A key whose tenant does not exist (never created) is as good as unknown.
        var (_, tenantDenial) = await FindTenantAsync(caller);
        return tenantDenial is null ? (caller, null) : (null, tenantDenial);
    }

    private async ValueTask<(TenantInfo? Tenant, AccessDenial? Denial)> FindTenantAsync(Caller caller)
    {
        try
        {
            return await tenants.FindAsync(caller.TenantId!) is { } tenant ? (tenant, null) : (null, AccessDenial.UnknownKey);
        }
        catch (TenantUnreadableException)
        {
            return (null, AccessDenial.DatabaseUnavailable); // logged when it happened
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Tenant {TenantId} could not be read for admission", caller.TenantId);
            return (null, AccessDenial.DatabaseUnavailable);
        }
    }

    /// <summary>Counts one operation against the caller's tenant; the system key is not limited.</summary>
    public async ValueTask<AccessDenial?> AdmitAsync(Caller caller)
    {
        if (caller.IsSystem)
        {
            return null;
        }

        var (tenant, denial) = await FindTenantAsync(caller);
        if (tenant is null)
        {
            return denial;
        }

        var perSecond = tenant.Settings.RequestsPerSecond;
        var retryAfter = rateLimiter.TryAcquire(tenant.Id, perSecond);
        return retryAfter is null ? null : AccessDenial.RateLimited(tenant.Id, perSecond, retryAfter.Value);
    }

    /// <summary>
    /// Charges a validated operation's cost beyond the token its admission took: ⌈cost ÷ 100⌉ tokens in all, at most a
    /// full bucket (so an operation the limit allows can always run once the bucket is full again).
    /// </summary>
    public async ValueTask<AccessDenial?> ChargeAsync(Caller caller, double cost)
    {
        var tokens = (int)Math.Ceiling(cost / CostPerToken);
        if (caller.IsSystem || tokens <= 1)
        {
            return null;
        }

        var (tenant, denial) = await FindTenantAsync(caller);
        if (tenant is null)
        {
            return denial;
        }

        var perSecond = tenant.Settings.RequestsPerSecond;
        var extra = Math.Min(tokens, perSecond) - 1;
        var retryAfter = extra <= 0 ? null : rateLimiter.TryAcquire(tenant.Id, perSecond, extra);
        return retryAfter is null ? null : AccessDenial.RateLimited(tenant.Id, perSecond, retryAfter.Value, cost);
    }
}
