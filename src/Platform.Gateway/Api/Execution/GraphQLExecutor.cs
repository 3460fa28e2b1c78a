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
        using var activity = PlatformTracing.GraphQL.StartActivity("GraphQL");
        activity?.SetTag("platform.tenant", caller.TenantId);
        // Every log line written while the operation runs (resolvers, services, grains called in this process) carries these.
        using var scope = logger.BeginScope("tenant {TenantId} trace {TraceId}", caller.TenantId ?? "system", Activity.Current?.TraceId.ToString() ?? "none");
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
}
