using GraphQL.Types;
using Platform.Domain.Models;

namespace Platform.Gateway.Api.Types.Models;

public sealed class ModelVersionStatusEnumType : EnumerationGraphType
{
    public ModelVersionStatusEnumType()
    {
        Name = "ModelVersionStatus";
        Description = "A version's place in the registry; at most one ACTIVE per tenant and task.";
        Add("CANDIDATE", ModelVersionStatus.Candidate, "Trained and stored, not serving.");
        Add("ACTIVE", ModelVersionStatus.Active, "The version the tenant's requests use.");
        Add("RETIRED", ModelVersionStatus.Retired, "Was ACTIVE, replaced; promoteModel can bring it back.");
    }
}
