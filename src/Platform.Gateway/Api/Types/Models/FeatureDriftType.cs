using GraphQL.Types;
using Platform.Domain.Modeling;

namespace Platform.Gateway.Api.Types.Models;

public sealed class FeatureDriftType : ObjectGraphType<FeatureDrift>
{
    public FeatureDriftType()
    {
        Name = "FeatureDrift";
        Description = "One input's population stability index.";
        Field(d => d.Name).Description("The feature (as in ModelVersion.features).");
        Field(d => d.Psi).Description("Σ (active share − training share) · ln(active share ÷ training share) over its slots.");
    }
}
