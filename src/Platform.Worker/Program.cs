using Microsoft.Extensions.Configuration.Memory;
using Platform.Abstractions.Hosting;
using Platform.Storage;
using Platform.Worker.Hosting;
using Platform.Worker.Offline;

if (OfflineTools.Handles(args))
{
    return await OfflineTools.RunAsync(args);
}

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LogDefaults.Levels });
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--queues"] = "Platform:Queues" });
builder.AddPlatformWorker();
var host = builder.Build();
await host.Services.GetRequiredService<DatabaseSetup>().RunAsync();
host.ScheduleRecurringJobs();
await host.RunAsync();
return 0;
