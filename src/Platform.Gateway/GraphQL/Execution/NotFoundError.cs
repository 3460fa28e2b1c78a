using GraphQL;

namespace Platform.Gateway.GraphQL.Execution;

/// <summary>
/// Nothing with this id exists in the caller's tenant. Ids of other tenants give the same answer, so a
/// guessed id reveals nothing.
/// </summary>
public sealed class NotFoundError : ExecutionError
{
    public NotFoundError(string what, string id)
        : base($"No {what} with id '{id}' exists in this tenant.")
    {
        Code = "NOT_FOUND";
    }
}
