using System.Text.Encodings.Web;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Platform.Gateway.Api.Authorization;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Api.Schema;
using Platform.Gateway.Api.Transport;
using Platform.Gateway.Api.WebSockets;

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
            .AddValidationRule<IntrospectionLimitRule>()
            .AddValidationRule<RoleAuthorizationRule>(useForCachedDocuments: true)
            .AddValidationRule<TransportOperationRule>(useForCachedDocuments: true)
            .AddValidationRule<StringLiteralRule>()
            // Complexity depends on variables (list sizes), so it runs for cached documents too.
            .AddValidationRule(new ComplexityValidationRule(ComplexityLimits(limits)), useForCachedDocuments: true)
            .AddErrorInfoProvider<PlatformErrorInfoProvider>()
            .AddUnhandledExceptionHandler(context =>
                context.Context?.RequestServices?.GetService<ILogger<GraphQLExecutor>>()?
                    .LogError(context.OriginalException, "Unhandled error in a GraphQL resolver")));
        services.AddSingleton<IConfigureExecution, ParsedDocumentCache>();
        services.AddSingleton<IConfigureExecution, DocumentSizeLimit>();
        services.AddSingleton<GraphQLRequestReader>();
        services.AddSingleton<MultipartRequestReader>();
        services.AddSingleton<GraphQLExecutor>();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton<ProtocolMessages>();
        services.AddSingleton<GraphQLWebSocketEndpoint>();
        return services;
    }

    private static ComplexityOptions ComplexityLimits(GraphQLLimitOptions limits) => new()
    {
        MaxComplexity = limits.MaxComplexity,
        MaxDepth = null, // QueryDepthRule limits depth without counting introspection
        DefaultComplexityImpactDelegate = FieldCosts.Default,
        ValidateComplexityDelegate = RateLimitCharge.ChargeAsync,
    };
}
