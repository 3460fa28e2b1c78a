using GraphQLParser.AST;

namespace Platform.Gateway.Api.Limits;

/// <summary>
/// How many selections (fields, fragment spreads, inline fragments) a document holds once every fragment spread is
/// replaced by its fragment: the size of the work validation and execution face. Linear in the document's text, with
/// each fragment counted once and its count reused, so a document of nested spreads that would expand to billions of
/// selections is measured without expanding it. Counting stops above <paramref name="limit"/>.
/// </summary>
public sealed class SelectionCount
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> fragments;
    private readonly Dictionary<string, long> expanded = new(StringComparer.Ordinal);
    private readonly HashSet<string> visiting = new(StringComparer.Ordinal);
    private readonly long limit;

    private SelectionCount(GraphQLDocument document, long limit)
    {
        this.limit = limit;
        fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }
    }

    /// <summary>Selections of every operation with fragments expanded, plus each fragment definition once; at most limit + 1.</summary>
    public static long Of(GraphQLDocument document, long limit)
    {
        var count = new SelectionCount(document, limit);
        long total = 0;
        foreach (var definition in document.Definitions)
        {
            total = count.Add(total, definition switch
            {
                GraphQLOperationDefinition operation => count.Count(operation.SelectionSet),
                GraphQLFragmentDefinition fragment => count.Count(fragment.SelectionSet),
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
                GraphQLField field => Count(field.SelectionSet),
                GraphQLInlineFragment inline => Count(inline.SelectionSet),
                GraphQLFragmentSpread spread => Spread(spread.FragmentName.Name.StringValue),
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
