using GraphQL.Types;
using Platform.Domain.Models;

namespace Platform.Gateway.Api.Types.Models;

public sealed class ModelTaskEnumType : EnumerationGraphType
{
    public ModelTaskEnumType()
    {
        Name = "ModelTask";
        Description = "What a model learns. Only the tasks that train today are listed (docs/models.md).";
        Add("UPLIFT", ModelTask.Uplift, "The effect of a campaign design on each user: participation, conversion and revenue with and without it.");
        Add("USERS", ModelTask.Users, "Each user's 30-day purchase propensity, expected spend and churn risk, and their persona.");
        Add("ITEMS", ModelTask.Items, "Which items to feature for a user: the next item they interact with, from their recent items.");
    }
}
