using System.Diagnostics;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;
using Platform.Gateway.Hosting;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Api.Execution;

/// <summary>Runs one GraphQL request for an authenticated caller; shared by the HTTP and WebSocket transports.</summary>
public sealed class GraphQLExecutor(IDocumentExecuter executer, ISchema schema, IOptions<PlatformOptions> options, ILogger<GraphQLExecutor> logger)
{
    public async Task<ExecutionResult> ExecuteAsync(
        GraphQLRequestBody request,
        Caller caller,
        RequestTransport transport,
        IServiceProvider requestServices,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = StartActivity(transport);
        activity?.SetTag("platform.tenant", caller.TenantId);
        // Every log line written while the operation runs (resolvers, services, grains called in this process) carries the
        // tenant; the host's activity tracking adds the trace and span ids.
        using var scope = logger.BeginScope("tenant {TenantId}", caller.TenantId ?? "system");
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            UserContext = UserContextExtensions.CreateUserContext(caller, transport),
            RequestServices = requestServices,
            CancellationToken = cancellationToken,
            MaxParallelExecutionCount = options.Value.GraphQL.MaxParallelFields,
        });
        var (operation, field) = OperationLabels.Of(result);
        GatewayMetrics.GraphQLDuration.WithLabels(operation, field).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (activity is not null)
        {
            activity.DisplayName = $"GraphQL {operation} {field}";
            activity.SetTag("graphql.operation.type", operation).SetTag("graphql.field", field);
            if (result.Errors is { Count: > 0 } errors)
            {
                activity.SetStatus(ActivityStatusCode.Error, errors[0].Code);
            }
        }

        return result;
    }

    /// <summary>
    /// Over HTTP the operation's span is a child of the request's. A WebSocket connection's request lasts as long as the
    /// connection, so each operation on it starts a trace of its own, linked to the connection's.
    /// </summary>
    private static Activity? StartActivity(RequestTransport transport)
    {
        if (transport != RequestTransport.WebSocket)
        {
            return PlatformTracing.GraphQL.StartActivity("GraphQL");
        }

        var connection = Activity.Current;
        Activity.Current = null;
        return PlatformTracing.GraphQL.StartActivity("GraphQL", ActivityKind.Server, parentContext: default, links: connection is null ? null : [new ActivityLink(connection.Context)]);
    }
}
