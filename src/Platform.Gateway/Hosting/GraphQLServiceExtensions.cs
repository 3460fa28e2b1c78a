using System.Text.Encodings.Web;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Platform.Gateway.GraphQL.Authorization;
using Platform.Gateway.GraphQL.Execution;
using Platform.Gateway.GraphQL.Limits;
using Platform.Gateway.GraphQL.Schema;
using Platform.Gateway.GraphQL.Transport;
using Platform.Gateway.GraphQL.WebSockets;

namespace Platform.Gateway.Hosting;

public static class GraphQLServiceExtensions
{
    public static IServiceCollection AddPlatformGraphQL(this IServiceCollection services, GraphQLLimitOptions limits)
    {
        services.AddGraphQL(graphQL => graphQL
            .AddSchema<PlatformSchema>()
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddGraphTypes(typeof(PlatformSchema).Assembly)
            .AddValidationRule<QueryDepthRule>()
            .AddValidationRule<RoleAuthorizationRule>(useForCachedDocuments: true)
            .AddValidationRule<TransportOperationRule>(useForCachedDocuments: true)
            // Complexity depends on variables (list sizes), so it runs for cached documents too.
            .AddValidationRule(new ComplexityValidationRule(ComplexityLimits(limits)), useForCachedDocuments: true)
            .AddErrorInfoProvider(options => options.ExposeExceptionDetails = false)
            .AddUnhandledExceptionHandler(context =>
                context.Context?.RequestServices?.GetService<ILogger<GraphQLExecutor>>()?
                    .LogError(context.OriginalException, "Unhandled error in a GraphQL resolver")));
        services.AddSingleton<IConfigureExecution, ParsedDocumentCache>();
        services.AddSingleton<GraphQLRequestReader>();
        services.AddSingleton<MultipartRequestReader>();
        services.AddSingleton<GraphQLExecutor>();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton<ProtocolMessages>();
        services.AddSingleton<GraphQLWebSocketEndpoint>();
        return services;
    }

    private static ComplexityOptions ComplexityLimits(GraphQLLimitOptions limits)
    {
        var options = new ComplexityOptions
        {
            MaxComplexity = limits.MaxComplexity,
            MaxDepth = null, // QueryDepthRule limits depth without counting introspection
        };
        var standardImpact = options.DefaultComplexityImpactDelegate;
        options.DefaultComplexityImpactDelegate = context => IsIntrospection(context) ? new FieldComplexityResult(0, 1) : standardImpact(context);
        return options;
    }

    // Standard introspection queries are large; they cost nothing so the complexity limit only guards data fields.
    private static bool IsIntrospection(FieldImpactContext context) =>
        context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal)
        || context.ParentType.Name.StartsWith("__", StringComparison.Ordinal);
}
