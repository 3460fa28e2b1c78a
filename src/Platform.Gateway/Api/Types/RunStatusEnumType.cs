using GraphQL.Types;
using Platform.Domain.Jobs;

namespace Platform.Gateway.Api.Types;

public sealed class RunStatusEnumType : EnumerationGraphType
{
    public RunStatusEnumType()
    {
        Name = "RunStatus";
        Description = "Where a background run is in its life.";
        Add("QUEUED", RunStatus.Queued, "Waiting for a worker that listens to its queue.");
        Add("RUNNING", RunStatus.Running, "A worker is executing it.");
        Add("SUCCEEDED", RunStatus.Succeeded, "Finished without error.");
        Add("FAILED", RunStatus.Failed, "Finished with an error; see the error field.");
    }
}
