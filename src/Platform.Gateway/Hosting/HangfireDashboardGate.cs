using System.Net.Http.Headers;
using System.Text;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;
using Platform.Domain.Auth;
using Platform.Gateway.Auth;
using Platform.Gateway.Api.Transport;

namespace Platform.Gateway.Hosting;

/// <summary>
/// Guards /hangfire. Browsers get a Basic-auth prompt: paste the API key as the password (any user
/// name). The system key gets the full dashboard; tenant ADMIN keys a read-only one, since the
/// dashboard lists jobs of every tenant (opaque ids only).
/// </summary>
public sealed class HangfireDashboardGate(RequestDelegate next, ApiKeyAuthenticator authenticator, IOptions<PlatformOptions> options)
{
    private const string CallerItem = "platform.dashboardCaller";

    public async Task InvokeAsync(HttpContext context)
    {
        var (caller, _) = await authenticator.AuthenticateAsync(PresentedKey(context.Request), context.RequestAborted);
        var allowed = caller is { IsSystem: true }
            || (caller is { Role: Role.Admin } && options.Value.HangfireDashboardForTenantAdmins);
        if (!allowed)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"platform hangfire (API key as password)\"";
            await ErrorResponses.WriteAsync(
                context, StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", "The Hangfire dashboard needs the system key or an ADMIN key.");
            return;
        }

        context.Items[CallerItem] = caller;
        await next(context);
    }

    public static bool IsReadOnly(DashboardContext dashboard) =>
        dashboard.GetHttpContext().Items[CallerItem] is not Caller { IsSystem: true };

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers[GraphQLHttpEndpoint.ApiKeyHeader].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var authorization)
            && authorization.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            && authorization.Parameter is { } parameter)
        {
            try
            {
                var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                var separator = credentials.IndexOf(':', StringComparison.Ordinal);
                return separator >= 0 ? credentials[(separator + 1)..] : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Hangfire's own check: the gate above already admitted the request.</summary>
    public sealed class Authorization : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().Items.ContainsKey(CallerItem);
    }
}
