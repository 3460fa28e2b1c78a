using GraphQL.Types;
using Platform.Domain.Models;

namespace Platform.Gateway.Api.Types.Models;

public sealed class TrainingProgressType : ObjectGraphType<TrainingProgress>
{
    public TrainingProgressType()
    {
        Name = "TrainingProgress";
        Description = "Where a running training is: reading (two passes over the rows), selecting (one hyperparameter candidate per step), training (one ensemble member per step), evaluating.";
        Field(p => p.Phase).Description("reading, selecting, training or evaluating.");
        Field(p => p.Step).Description("The step within the phase, from 1.");
        Field(p => p.Steps).Description("How many steps the phase has.");
        Field(p => p.Epoch, nullable: true).Description("The epoch just finished within the step.");
        Field(p => p.TrainLoss, nullable: true).Description("That epoch's mean training loss.");
        Field(p => p.ValidationLoss, nullable: true).Description("That epoch's loss on the validation users (what early stopping watches).");
        Field(p => p.Detail, nullable: true).Description("The step in words.");
    }
}
