using Hangfire;
using Orleans.Configuration;
using Orleans.Serialization;
using Platform.Abstractions;
using Platform.Abstractions.Jobs;
using Platform.Domain.Jobs;
using Platform.Ingestion;
using Platform.ML;
using Platform.Storage;
using Platform.Storage.Database;
using Platform.Storage.Webhooks;
using Platform.Worker.Jobs;
using Platform.Worker.Webhooks;

namespace Platform.Worker.Hosting;

public static class WorkerHostingExtensions
{
    /// <summary>How this worker names itself to Hangfire and on the runs it executes.</summary>
    public static string WorkerName { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>A worker: Orleans client, Hangfire server on the configured queues, TorchSharp jobs.</summary>
    public static HostApplicationBuilder AddPlatformWorker(this HostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(WorkerOptions.Section);
        var options = section.Get<WorkerOptions>() ?? new WorkerOptions();
        var connectionString = DatabaseUrl.Resolve(options.DatabaseUrl);

        TorchRuntime.Initialize(options.TorchThreads);
        var queues = WorkerQueues.Resolve(options.Queues, hasGpu: TorchRuntime.SelectDevice().type == TorchSharp.DeviceType.CUDA);

        builder.Services.Configure<WorkerOptions>(section);
        builder.Services.AddPlatformStorage(connectionString);
        builder.Services.AddPlatformIngestion();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.Orleans.ClusterId;
                cluster.ServiceId = options.Orleans.ServiceId;
            });
            client.UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = DatabaseUrl.AdoNetInvariant;
                clustering.ConnectionString = DatabaseUrl.WithPoolSize(connectionString, DatabaseUrl.SmallPoolSize);
            });
            client.UseConnectionRetryFilter<ClusterConnectionRetry>();
            client.Services.AddSerializer(serializer => serializer.AddDomainTypes());
        });
        builder.Services.AddHangfire(hangfire => hangfire.UsePlatformStorage(connectionString));
        builder.Services.AddHangfireServer(server =>
        {
            server.Queues = queues;
            server.WorkerCount = options.WorkerCount;
            server.ServerName = WorkerName;
        });
        builder.Services.AddSingleton<SystemCheckProbe>();
        builder.Services.AddScoped<ISystemCheckJob, SystemCheckJob>();
        builder.Services.AddScoped<IImportJob, ImportJob>();
        builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection(WebhookOptions.Section));
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddScoped<IWebhookJob, WebhookJob>();
        return builder;
    }

    /// <summary>Jobs that run on a schedule, registered (idempotently) by every worker that starts.</summary>
    public static void ScheduleRecurringJobs(this IHost host) =>
        host.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<IWebhookJob>(WebhookJob.SweeperId, job => job.SweepAsync(CancellationToken.None), Cron.Minutely());
}
