using GraphQLParser.AST;

namespace Platform.Gateway.Api.Limits;

/// <summary>
/// How many nodes validation faces in a document: selections (fields, fragment spreads, inline fragments) with their
/// arguments and directives, and variable definitions, once every fragment spread is replaced by its fragment. Some
/// validation rules compare these pairwise (fields of a selection set, directives at a location), so their number bounds
/// the work. Linear in the document's text: each fragment is counted once and its count reused, so nested spreads that
/// would expand to billions of selections are measured without expanding them. Counting stops above the limit.
/// </summary>
public sealed class DocumentNodeCount
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> fragments;
    private readonly Dictionary<string, long> expanded = new(StringComparer.Ordinal);
    private readonly HashSet<string> visiting = new(StringComparer.Ordinal);
    private readonly long limit;

    private DocumentNodeCount(GraphQLDocument document, long limit)
    {
        this.limit = limit;
        fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }
    }

    /// <summary>Nodes of every operation with fragments expanded, plus each fragment definition once; at most limit + 1.</summary>
    public static long Of(GraphQLDocument document, long limit)
    {
        var count = new DocumentNodeCount(document, limit);
        long total = 0;
        foreach (var definition in document.Definitions)
        {
            total = count.Add(total, definition switch
            {
                GraphQLOperationDefinition operation => count.Add(
                    (operation.Variables?.Count ?? 0) + (operation.Directives?.Count ?? 0), count.Count(operation.SelectionSet)),
                GraphQLFragmentDefinition fragment => count.Add(fragment.Directives?.Count ?? 0, count.Count(fragment.SelectionSet)),
                _ => 0,
            });
        }

        return total;
    }

    private long Count(GraphQLSelectionSet? selectionSet)
    {
        if (selectionSet is null)
        {
            return 0;
        }

        long total = 0;
        foreach (var selection in selectionSet.Selections)
        {
            var inner = selection switch
            {
                GraphQLField field => Add((field.Arguments?.Count ?? 0) + (field.Directives?.Count ?? 0), Count(field.SelectionSet)),
                GraphQLInlineFragment inline => Add(inline.Directives?.Count ?? 0, Count(inline.SelectionSet)),
                GraphQLFragmentSpread spread => Add(spread.Directives?.Count ?? 0, Spread(spread.FragmentName.Name.StringValue)),
                _ => 0,
            };
            total = Add(total, Add(1, inner));
            if (total > limit)
            {
                break;
            }
        }

        return total;
    }

    // An unknown fragment or a cycle counts nothing here: validation reports both.
    private long Spread(string name)
    {
        if (expanded.TryGetValue(name, out var known))
        {
            return known;
        }

        if (!fragments.TryGetValue(name, out var fragment) || !visiting.Add(name))
        {
            return 0;
        }

        var count = Count(fragment.SelectionSet);
        visiting.Remove(name);
        expanded[name] = count;
        return count;
    }

    private long Add(long a, long b) => Math.Min(a + b, limit + 1);
}
