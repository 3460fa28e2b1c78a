namespace Platform.Gateway.Auth;

/// <summary>
/// The gate every GraphQL request and WebSocket operation passes: a valid key, an existing tenant, and
/// room in the tenant's rate limit.
/// </summary>
public sealed class RequestAdmission(ApiKeyAuthenticator authenticator, TenantDirectory tenants, TenantRateLimiter rateLimiter)
{
    public async ValueTask<(Caller? Caller, AccessDenial? Denial)> AuthenticateAsync(string? secret, CancellationToken cancellationToken)
    {
        var (caller, denial) = await authenticator.AuthenticateAsync(secret, cancellationToken);
        if (caller is null || caller.IsSystem)
        {
            return (caller, denial);
        }

        // A key whose tenant does not exist (never created) is as good as unknown.
        return await tenants.FindAsync(caller.TenantId!) is null ? (null, AccessDenial.UnknownKey) : (caller, null);
    }

    /// <summary>Counts one operation against the caller's tenant; the system key is not limited.</summary>
    public async ValueTask<AccessDenial?> AdmitAsync(Caller caller)
    {
        if (caller.IsSystem)
        {
            return null;
        }

        var tenant = await tenants.FindAsync(caller.TenantId!);
        if (tenant is null)
        {
            return AccessDenial.UnknownKey;
        }

        var perSecond = tenant.Settings.RequestsPerSecond;
        var retryAfter = rateLimiter.TryAcquire(tenant.Id, perSecond);
        return retryAfter is null ? null : AccessDenial.RateLimited(tenant.Id, perSecond, retryAfter.Value);
    }
}
