using Platform.Domain.Errors;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Api.Limits;

/// <summary>
/// Limits how deeply the selected operation nests fields. Introspection (fields named "__…") is not
/// counted, so standard tools' introspection queries pass whatever the limit.
/// </summary>
public sealed class QueryDepthRule(IOptions<PlatformOptions> options) : ValidationRuleBase
{
    public const string Code = ErrorCodes.QueryTooDeep;

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var maxDepth = options.Value.GraphQL.MaxDepth;
        var fragments = context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
            .ToDictionary(f => f.FragmentName.Name.StringValue, StringComparer.Ordinal);
        var depth = Depth(context.Operation.SelectionSet, fragments, []);
        if (depth > maxDepth)
        {
            context.ReportError(new ValidationError(
                context.Document.Source,
                null,
                $"The operation nests fields {depth} deep; the limit is {maxDepth}.",
                context.Operation)
            {
                Code = Code,
            });
        }

        return default;
    }

    private static int Depth(GraphQLSelectionSet? selectionSet, Dictionary<string, GraphQLFragmentDefinition> fragments, HashSet<string> visiting)
    {
        if (selectionSet is null)
        {
            return 0;
        }

        var deepest = 0;
        foreach (var selection in selectionSet.Selections)
        {
            var depth = selection switch
            {
                GraphQLField field when field.Name.Value.Span.StartsWith("__") => 0,
                GraphQLField field => 1 + Depth(field.SelectionSet, fragments, visiting),
                GraphQLInlineFragment inline => Depth(inline.SelectionSet, fragments, visiting),
                GraphQLFragmentSpread spread => SpreadDepth(spread, fragments, visiting),
                _ => 0,
            };
            deepest = Math.Max(deepest, depth);
        }

        return deepest;
    }

    // Fragment cycles are reported by the standard NoFragmentCycles rule; here they just stop the walk.
    private static int SpreadDepth(GraphQLFragmentSpread spread, Dictionary<string, GraphQLFragmentDefinition> fragments, HashSet<string> visiting)
    {
        var name = spread.FragmentName.Name.StringValue;
        if (!fragments.TryGetValue(name, out var fragment) || !visiting.Add(name))
        {
            return 0;
        }

        var depth = Depth(fragment.SelectionSet, fragments, visiting);
        visiting.Remove(name);
        return depth;
    }
}
