using GraphQL;

namespace Platform.Gateway.GraphQL.Execution;

/// <summary>An argument broke a rule: the error names the field path and the rule.</summary>
public sealed class InputError : ExecutionError
{
    public const string InvalidArgument = "INVALID_ARGUMENT";

    public InputError(string field, string rule)
        : base($"{field} {rule}.")
    {
        Code = InvalidArgument;
        Extensions = new Dictionary<string, object?> { ["field"] = field, ["rule"] = rule };
    }
}
