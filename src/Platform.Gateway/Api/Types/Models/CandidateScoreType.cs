using GraphQL.Types;
using Platform.Domain.Modeling;

namespace Platform.Gateway.Api.Types.Models;

public sealed class CandidateScoreType : ObjectGraphType<CandidateScore>
{
    public CandidateScoreType()
    {
        Name = "HyperparameterCandidate";
        Description = "One candidate of the bounded hyperparameter search and how it did on the validation users.";
        Field(c => c.Width).Description("Hidden width.");
        Field(c => c.LearningRate).Description("Learning rate.");
        Field(c => c.ValidationLoss).Description("Best validation loss reached.");
        Field(c => c.Epochs).Description("Epochs it ran before early stopping.");
    }
}
