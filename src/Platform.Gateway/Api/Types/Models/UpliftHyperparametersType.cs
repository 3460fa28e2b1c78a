using GraphQL.Types;
using Platform.Domain.Modeling;

namespace Platform.Gateway.Api.Types.Models;

public sealed class UpliftHyperparametersType : ObjectGraphType<UpliftHyperparameters>
{
    public UpliftHyperparametersType()
    {
        Name = "UpliftHyperparameters";
        Description = "What the uplift network was trained with; width and learning rate were chosen on the validation users.";
        Field(h => h.Width).Description("Hidden width of the user trunk.");
        Field(h => h.LearningRate).Description("Adam learning rate.");
        Field(h => h.MaxEpochs).Description("Epoch limit; early stopping usually ends sooner.");
        Field(h => h.BatchSize).Description("Rows per mini-batch.");
        Field(h => h.Patience).Description("Epochs without validation improvement before stopping.");
        Field(h => h.WeightDecay).Description("L2 weight decay.");
        Field(h => h.Members).Description("Bootstrap ensemble members.");
    }
}
