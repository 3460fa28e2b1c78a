using GraphQL;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Api.Execution;

/// <summary>The caller and transport travel in graphql-dotnet's user context dictionary.</summary>
public static class UserContextExtensions
{
    private const string CallerKey = "platform.caller";
    private const string TransportKey = "platform.transport";

    public static Dictionary<string, object?> CreateUserContext(Caller caller, RequestTransport transport) => new()
    {
        [CallerKey] = caller,
        [TransportKey] = transport,
    };

    public static Caller GetCaller(this IDictionary<string, object?> userContext) =>
        userContext.TryGetValue(CallerKey, out var caller) && caller is Caller c
            ? c
            : throw new InvalidOperationException("The GraphQL request has no authenticated caller.");

    public static RequestTransport GetTransport(this IDictionary<string, object?> userContext) =>
        userContext.TryGetValue(TransportKey, out var transport) && transport is RequestTransport t
            ? t
            : throw new InvalidOperationException("The GraphQL request has no transport.");

    public static Caller Caller(this IResolveFieldContext context) => context.UserContext.GetCaller();

    /// <summary>The caller's tenant. The authorization rule guarantees tenant fields are never reached without one.</summary>
    public static string TenantId(this IResolveFieldContext context) =>
        context.Caller().TenantId ?? throw new InvalidOperationException("This field requires a tenant key.");
}
