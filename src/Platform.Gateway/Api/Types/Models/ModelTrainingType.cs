using GraphQL.Types;
using Platform.Domain.Modeling;

namespace Platform.Gateway.Api.Types.Models;

public sealed class ModelTrainingType : ObjectGraphType<TrainingFacts>
{
    public ModelTrainingType()
    {
        Name = "ModelTraining";
        Description = "How a version was trained: the rows it read, the split of its users, and what makes the run reproducible.";
        Field(t => t.Rows).Description("Rows read: outcome rows for UPLIFT, users at each cutoff for USERS (training users at six, the others at the latest), item interactions for ITEMS.");
        Field(t => t.SampleShare).Description("The share of the tenant's users the run read, each user whole: 1, or MaxRows ÷ rows when the tenant had more rows than the workers' Platform:Models:MaxRows (each user kept by a hash of its id, docs/models.md#training-data).");
        Field(t => t.From, nullable: true).Description("UPLIFT: the earliest assignment among them. USERS: the earliest cutoff features were taken at (five 30-day steps before the latest).");
        Field(t => t.To, nullable: true).Description("UPLIFT: the latest assignment among them. USERS: the end of the latest 30 days labels were read in.");
        Field(t => t.Campaigns, nullable: true).Description("UPLIFT: campaigns (live and imported) the rows came from; null for other tasks.");
        Field(t => t.TrainRows).Description("Rows of the training users (hashed split by user id, so a user is on one side only); ITEMS: the training interactions (all but each user's last two).");
        Field(t => t.ValidationRows).Description("Rows of the validation users (hyperparameter choice and early stopping); ITEMS: users whose second-to-last item validates.");
        Field(t => t.TestRows).Description("Rows of the held-out users the metrics are computed on; ITEMS: users whose last item is held out.");
        Field(t => t.Seed).Description("The training seed: same data, seed and thread count give the same weights on CPU.");
        Field(t => t.Device).Description("The torch device it trained on (cpu or cuda).");
        Field(t => t.Threads).Description("Torch intra-op threads.");
        Field(t => t.Torch).Description("The libtorch version.");
        Field(t => t.DurationMs).Description("Training time on the worker, in milliseconds.");
    }
}
