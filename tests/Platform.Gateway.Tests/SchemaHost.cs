using GraphQL;
using GraphQL.DI;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Gateway.Auth;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Tests;

/// <summary>The gateway's GraphQL schema and executer with no server: enough to test validation, which runs no resolver.</summary>
public sealed class SchemaHost : IDisposable
{
    private readonly ServiceProvider services;

    public SchemaHost(GraphQLLimitOptions? limits = null, Action<IGraphQLBuilder>? configure = null)
    {
        limits ??= new GraphQLLimitOptions();
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        collection.Configure<PlatformOptions>(options => options.GraphQL = limits);
        collection.AddPlatformGraphQL(limits);
        if (configure is not null)
        {
            collection.AddGraphQL(configure);
        }

        services = collection.BuildServiceProvider();
        Schema = services.GetRequiredService<ISchema>();
        Schema.Initialize();
    }

    public ISchema Schema { get; }

    public Task<ExecutionResult> ExecuteAsync(
        string query, Caller caller, RequestTransport transport = RequestTransport.HttpPost, Inputs? variables = null, string? operationName = null) =>
        services.GetRequiredService<GraphQLExecutor>().ExecuteAsync(
            new GraphQLRequestBody(query, operationName, variables, null), caller, transport, services, CancellationToken.None);

    public void Dispose() => services.Dispose();
}
