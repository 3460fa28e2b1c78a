using System.Net.Http.Headers;
using System.Text;
using Hangfire.Dashboard;
using Platform.Domain.Errors;
using Platform.Gateway.Auth;
using Platform.Gateway.Api.Transport;

namespace Platform.Gateway.Hosting;

/// <summary>
/// Guards /hangfire: the operator's dashboard. Browsers get a Basic-auth prompt: paste the system key as the password
/// (any user name). No tenant key opens it, whatever its role: it lists every tenant's jobs with their exceptions
/// (stack traces, database errors). Tenants follow their runs through GraphQL.
/// </summary>
public sealed class HangfireDashboardGate(RequestDelegate next, ApiKeyAuthenticator authenticator)
{
    private const string CallerItem = "platform.dashboardCaller";

    public async Task InvokeAsync(HttpContext context)
    {
        var (caller, _) = await authenticator.AuthenticateAsync(PresentedKey(context.Request), context.RequestAborted);
        if (caller is not { IsSystem: true })
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"platform hangfire (system key as password)\"";
            await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, "The Hangfire dashboard needs the system key.");
            return;
        }

        context.Items[CallerItem] = caller;
        await next(context);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers[GraphQLHttpEndpoint.ApiKeyHeader].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        return BasicCredentials.Read(request) is { Password: { Length: > 0 } password } ? password : null;
    }

    /// <summary>Hangfire's own check: the gate above already admitted the request.</summary>
    public sealed class Authorization : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().Items.ContainsKey(CallerItem);
    }
}
