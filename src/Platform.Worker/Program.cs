using Microsoft.Extensions.Configuration.Memory;
using Platform.Abstractions.Hosting;
using Platform.Storage;
using Platform.Worker.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LogDefaults.Levels });
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--queues"] = "Platform:Queues" });
builder.AddPlatformWorker();
var host = builder.Build();
await host.Services.GetRequiredService<DatabaseSetup>().RunAsync();
host.ScheduleRecurringJobs();
await host.RunAsync();
