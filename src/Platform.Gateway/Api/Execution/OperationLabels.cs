using GraphQL;
using GraphQLParser.AST;

namespace Platform.Gateway.Api.Execution;

/// <summary>
/// Metric labels of an operation, from the schema's names only (bounded): its type and its root field. A document that was
/// refused before it ran is "invalid": its field names may be anything a client typed.
/// </summary>
public static class OperationLabels
{
    public static (string Operation, string Field) Of(ExecutionResult result)
    {
        if (result.Operation is not { } operation)
        {
            return ("none", "invalid");
        }

        if (!result.Executed)
        {
            return (operation.Operation.ToString().ToLowerInvariant(), "invalid");
        }

        var fields = operation.SelectionSet.Selections.OfType<GraphQLField>().Select(f => f.Name.StringValue).Distinct().Take(2).ToList();
        var field = fields.Count == 1 && operation.SelectionSet.Selections.Count == 1 ? fields[0] : "several";
        return (operation.Operation.ToString().ToLowerInvariant(), field);
    }
}
