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
using Platform.Worker.Training;
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
                clustering.ConnectionString = DatabaseUrl.ForPool(connectionString, DatabaseUrl.SmallPoolSize);
            });
            client.UseConnectionRetryFilter<ClusterConnectionRetry>();
            client.Services.AddSerializer(serializer => serializer.AddDomainTypes());
        });
        var jobInvisibility = HangfireStorage.JobInvisibility(builder.Configuration[HangfireStorage.JobInvisibilityKey]);
        builder.Services.AddHangfire(hangfire => hangfire.UsePlatformStorage(connectionString, jobInvisibility));
        // Training takes every core for minutes: it gets its own server (one job at a time) on the gpu/cpu queues, so
        // imports and webhook deliveries on the default queue go on beside it.
        var training = queues.Where(q => q is JobQueues.Gpu or JobQueues.Cpu).ToArray();
        var other = queues.Except(training).ToArray();
        if (training.Length > 0)
        {
            builder.Services.AddHangfireServer(server =>
            {
                server.Queues = training;
                server.WorkerCount = 1;
                server.ServerName = $"{WorkerName}:training";
            });
        }

        if (other.Length > 0)
        {
            builder.Services.AddHangfireServer(server =>
            {
                server.Queues = other;
                server.WorkerCount = options.WorkerCount;
                server.ServerName = WorkerName;
            });
        }

        builder.Services.AddSingleton<SystemCheckProbe>();
        builder.Services.AddScoped<ISystemCheckJob, SystemCheckJob>();
        builder.Services.AddScoped<IImportJob, ImportJob>();
        builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection(WebhookOptions.Section));
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddScoped<IWebhookJob, WebhookJob>();
        builder.Services.AddOptions<ModelTrainingOptions>().Bind(builder.Configuration.GetSection(ModelTrainingOptions.Section))
            .Validate(o => o.SilenceSeconds is >= 5 and <= 86_400, $"{ModelTrainingOptions.Section}:SilenceSeconds must be from 5 to 86400 (a worker proves it is alive every 2 s).")
            .Validate(o => o.MaxRows >= 1_000, $"{ModelTrainingOptions.Section}:MaxRows must be at least 1000 (fewer rows train nothing useful).")
            .ValidateOnStart();
        builder.Services.AddOptions<HistoryFoldOptions>().Bind(builder.Configuration.GetSection(HistoryFoldOptions.Section))
            .Validate(o => o.MaxEventsPerUser >= 1 && o.UsersPerChunk >= 1 && o.EventsPerChunk >= 1,
                $"{HistoryFoldOptions.Section}: MaxEventsPerUser, UsersPerChunk and EventsPerChunk must each be at least 1.")
            .ValidateOnStart();
        builder.Services.AddScoped<UpliftVersionTrainer>();
        builder.Services.AddScoped<UserScoreVersionTrainer>();
        builder.Services.AddScoped<ItemVersionTrainer>();
        builder.Services.AddScoped<TrainingQueue>();
        builder.Services.AddScoped<ITrainingJob, TrainingJob>();
        builder.Services.AddHostedService<StartupSweep>();
        builder.Services.AddScoped<IScheduledTrainingJob, ScheduledTrainingJob>();
        builder.Services.AddScoped<IDriftJob, DriftJob>();
        builder.Services.AddScoped<IUserScoringJob, UserScoringJob>();
        return builder;
    }

    /// <summary>Jobs that run on a schedule, registered (idempotently) by every worker that starts.</summary>
    public static void ScheduleRecurringJobs(this IHost host)
    {
        var recurring = host.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<IWebhookJob>(WebhookJob.SweeperId, job => job.SweepAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<ITrainingJob>(TrainingSweeperId, job => job.SweepAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<IDriftJob>(DriftJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Daily(4));
        recurring.AddOrUpdate<IUserScoringJob>(UserScoringJob.RecurringId, job => job.ScoreAllAsync(CancellationToken.None), Cron.Daily(4, 30));
    }

    public const string TrainingSweeperId = "training-sweeper";
}
