using GraphQL.Types;
using Platform.Domain.Models;

namespace Platform.Gateway.Api.Types.Models;

public sealed class TrainingRunStatusEnumType : EnumerationGraphType
{
    public TrainingRunStatusEnumType()
    {
        Name = "TrainingRunStatus";
        Description = "Where a training run is.";
        Add("QUEUED", TrainingRunStatus.Queued, "Waiting for a worker on its queue (also between attempts).");
        Add("RUNNING", TrainingRunStatus.Running, "A worker is training.");
        Add("SUCCEEDED", TrainingRunStatus.Succeeded, "A version was stored; see version.");
        Add("FAILED", TrainingRunStatus.Failed, "No version was made; see error. The ACTIVE version is untouched.");
        Add("CANCELLED", TrainingRunStatus.Cancelled, "cancelTrainingRun stopped it; no version was made.");
        Add("SKIPPED", TrainingRunStatus.Skipped, "A schedule fired but had nothing to do; see error for why.");
    }
}
