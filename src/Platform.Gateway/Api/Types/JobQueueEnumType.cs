using GraphQL.Types;
using Platform.Domain.Jobs;

namespace Platform.Gateway.Api.Types;

public sealed class JobQueueEnumType : EnumerationGraphType
{
    public JobQueueEnumType()
    {
        Name = "JobQueue";
        Description = "Background queues; each worker process listens to some of them.";
        Add("GPU", JobQueues.Gpu, "Workers with a CUDA device.");
        Add("CPU", JobQueues.Cpu, "CPU training workers.");
        Add("DEFAULT", JobQueues.Default, "Everything else: imports, diagnostics.");
    }
}
