using GraphQL.Types;
using Platform.Domain.Models;

namespace Platform.Gateway.Api.Types.Models;

public sealed class TrainingTriggerEnumType : EnumerationGraphType
{
    public TrainingTriggerEnumType()
    {
        Name = "TrainingTrigger";
        Description = "Who asked for a training run.";
        Add("MANUAL", TrainingTrigger.Manual, "An admin called trainModels.");
        Add("SCHEDULE", TrainingTrigger.Schedule, "The task's retraining schedule fired.");
    }
}
