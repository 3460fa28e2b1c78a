using GraphQL.Types;
using Platform.Domain.Profiles;

namespace Platform.Gateway.Api.Types.Profiles;

public sealed class AffinityType : ObjectGraphType<Affinity>
{
    public AffinityType()
    {
        Name = "Affinity";
        Description = "Interest in a category or brand: event weights halving every half-life.";
        Field(a => a.Key).Description("The category or brand.");
        Field(a => a.Score).Description("The decayed score now.");
        Field(a => a.Share).Description("Share of the user's total interest, 0 to 1.");
    }
}
