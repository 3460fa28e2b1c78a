using System.Diagnostics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.Gateway.Hosting;

/// <summary>
/// Traces of a request from the HTTP or WebSocket transport through GraphQL execution, grain calls (Orleans' activity
/// propagation) and PostgreSQL commands (Npgsql's own source), exported by OTLP when Platform:Tracing:OtlpEndpoint is set.
/// </summary>
public static class PlatformTracing
{
    public const string GraphQLSourceName = "Platform.GraphQL";

    /// <summary>One span per GraphQL operation, with its type, root field and tenant.</summary>
    public static readonly ActivitySource GraphQL = new(GraphQLSourceName);

    /// <summary>Every source a request's trace is made of.</summary>
    public static readonly string[] Sources = [GraphQLSourceName, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Npgsql"];

    public static WebApplicationBuilder AddPlatformTracing(this WebApplicationBuilder builder, TracingOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("platform-gateway", serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing => tracing
                .SetSampler(new RequestSampler(options.SampleRatio))
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context => context.Request.Path.StartsWithSegments("/graphql") || context.Request.Path.StartsWithSegments("/tracker"))
                .AddSource(Sources)
                .AddOtlpExporter(otlp => otlp.Endpoint = new Uri(options.OtlpEndpoint)));
        return builder;
    }
}
