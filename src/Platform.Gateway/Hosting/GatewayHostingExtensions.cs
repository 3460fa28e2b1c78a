using GraphQL;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Platform.Abstractions.Profiles;
using Platform.Domain.Models;
using Platform.Gateway.Serving;
using Platform.ML.Items;
using Platform.ML.Uplift;
using Platform.ML.UserScores;
using Platform.Gateway.Auth;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Trackers;
using Platform.Gateway.Api.Transport;
using Platform.Gateway.Api.WebSockets;
using Platform.Gateway.Operations;
using Platform.Gateway.Subscriptions;
using Platform.Grains;
using Platform.Ingestion;
using Platform.Storage;
using Platform.Storage.Database;
using Platform.Storage.Webhooks;
using Prometheus;

namespace Platform.Gateway.Hosting;

public static class GatewayHostingExtensions
{
    public const string HttpPortVariable = "PLATFORM_HTTP_PORT";
    public const int DefaultHttpPort = 5080;

    /// <summary>Everything a gateway node runs: silo, GraphQL, auth, Hangfire client, health and metrics.</summary>
    public static WebApplicationBuilder AddPlatformGateway(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PlatformOptions.Section);
        var platform = section.Get<PlatformOptions>() ?? new PlatformOptions();
        var connectionString = DatabaseUrl.Resolve(platform.DatabaseUrl);
        builder.Services.AddOptions<PlatformOptions>().Bind(section)
            .Validate(o => o.GraphQL.BulkIngestsPerTenant >= 1, "Platform:GraphQL:BulkIngestsPerTenant must be at least 1.")
            .Validate(o => o.GraphQL.AggregatesPerTenant >= 1 && o.GraphQL.AggregateWait > TimeSpan.Zero
                    && o.GraphQL.AggregateSecondsPerSecond is > 0 and <= 1000 && o.GraphQL.AggregateBurstSeconds is > 0 and <= 86_400,
                "Platform:GraphQL: AggregatesPerTenant must be at least 1, AggregateWait longer than zero, AggregateSecondsPerSecond in (0, 1000] and AggregateBurstSeconds in (0, 86400].")
            .Validate(o => o.Tracing.SampleRatio is >= 0 and <= 1 && (string.IsNullOrWhiteSpace(o.Tracing.OtlpEndpoint) || Uri.IsWellFormedUriString(o.Tracing.OtlpEndpoint, UriKind.Absolute)),
                "Platform:Tracing: SampleRatio must be in [0, 1] and OtlpEndpoint an absolute URL.")
            .Validate(o => o.Decisions.MaxAudienceUsers >= 1, "Platform:Decisions:MaxAudienceUsers must be at least 1.")
            .ValidateOnStart();
        builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection(WebhookOptions.Section));

        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{HttpPort()}");
        }

        // GraphQL bodies are bounded by BoundedBody (with a JSON error); this is only the outer guard.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
        builder.Services.AddAntiforgery(); // the Hangfire dashboard protects its POST actions with it
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPlatformStorage(connectionString);
        builder.Services.AddPlatformIngestion();
        builder.Services.AddPlatformGrains(builder.Configuration);
        builder.AddPlatformSilo(platform.Orleans, connectionString);
        builder.AddPlatformTracing(platform.Tracing);
        builder.Services.AddPlatformGraphQL(platform.GraphQL);
        builder.Services
            .AddSingleton<ApiKeyAuthenticator>()
            .AddSingleton<TenantDirectory>()
            .AddSingleton<TenantRateLimiter>()
            .AddSingleton<RequestAdmission>()
            .AddSingleton<Api.Limits.AggregateGate>()
            .AddSingleton<Api.Limits.IngestLane>()
            .AddSingleton<ProgressHub>()
            .AddSingleton<CampaignKpiHub>()
            .AddScoped<TenantService>()
            .AddScoped<TenantFeedService>()
            .AddScoped<SystemCheckService>()
            .AddScoped<UserDataService>()
            .AddScoped<UserSnapshots>()
            .AddScoped<ProfileService>()
            .AddScoped<AudienceService>()
            .AddScoped<ErasureService>()
            .AddScoped<CampaignService>()
            .AddScoped<RecommendationService>()
            .AddScoped<ForecastService>()
            .AddSingleton<LaunchForecasts>()
            .AddScoped<ShopperScoreService>()
            .AddScoped<OptimizationService>()
            .AddScoped<BacktestService>()
            .AddSingleton<OptimizationRunner>()
            .AddScoped<ScoringTargets>()
            .AddScoped<UpliftAudiences>()
            .AddSingleton(services => ActiveModels<UpliftModel>.Create(services, ModelTask.Uplift, UpliftModel.FromBytes))
            .AddSingleton(services => ActiveModels<ItemModel>.Create(services, ModelTask.Items, ItemModel.FromBytes))
            .AddSingleton(services => ActiveModels<UserScoreModel>.Create(services, ModelTask.Users, UserScoreModel.FromBytes))
            .AddSingleton<ILiveUserScores, LiveUserScores>()
            .AddScoped<ItemRecommendationService>()
            .AddScoped<WebhookService>()
            .AddScoped<CampaignEventNotices>()
            .AddScoped<TrackerSourceService>()
            .AddScoped<UserAliasService>()
            .AddScoped<TrackerSourceEndpoint>()
            .AddScoped<HeapEndpoint>()
            .AddScoped<ImportService>()
            .AddScoped<ModelService>()
            .AddScoped<RetrainingScheduleService>()
            .AddSingleton<SegmentCache>();
        builder.Services.AddHostedService<ModelDriftMetrics>();
        builder.Services.AddHostedService<OperationalMetrics>();
        var jobInvisibility = HangfireStorage.JobInvisibility(builder.Configuration[HangfireStorage.JobInvisibilityKey]);
        builder.Services.AddHangfire(hangfire => hangfire.UsePlatformStorage(connectionString, jobInvisibility));
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<SiloHealthCheck>("silo", tags: ["ready"]);
        return builder;
    }

    private static int HttpPort()
    {
        var configured = Environment.GetEnvironmentVariable(HttpPortVariable);
        if (string.IsNullOrEmpty(configured))
        {
            return DefaultHttpPort;
        }

        return int.TryParse(configured, out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidOperationException($"{HttpPortVariable} must be a TCP port number, not '{configured}'.");
    }

    public static WebApplication MapPlatformEndpoints(this WebApplication app)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        // Npgsql's pool metrics label each pool with its connection string (host, port, database, user): left out.
        Metrics.ConfigureMeterAdapter(adapter => adapter.InstrumentFilterPredicate = instrument => instrument.Meter.Name != "Npgsql");
        app.UseHttpMetrics();
        app.MapConsole();
        app.Map("/graphql", (HttpContext context) => context.WebSockets.IsWebSocketRequest
            ? context.RequestServices.GetRequiredService<GraphQLWebSocketEndpoint>().HandleAsync(context)
            : ConsoleAssets.WantsExplorer(context)
                ? ConsoleAssets.ServeExplorerAsync(context)
                : context.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(context));
        app.Map(TrackerSourceEndpoint.PathPrefix + "/{call:regex(^(batch|track|identify|page|screen|alias|group)$)}", (HttpContext context, string call) =>
            context.RequestServices.GetRequiredService<TrackerSourceEndpoint>().HandleAsync(context, call));
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapMetrics("/metrics");
        app.MapPost(HeapEndpoint.Path, (HttpContext context) => context.RequestServices.GetRequiredService<HeapEndpoint>().HandleAsync(context));
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/hangfire"),
            branch => branch.UseMiddleware<HangfireDashboardGate>());
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new HangfireDashboardGate.Authorization()],
            DashboardTitle = "Platform jobs",
        });
        return app;
    }
}
