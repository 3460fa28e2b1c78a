namespace Platform.Gateway.Api.Types;

/// <summary>One page of a list (see <see cref="Execution.Paging"/>): the nodes, whether more follow, and the cursor to continue.</summary>
public sealed record Page<T>(IReadOnlyList<T> Nodes, bool HasNextPage, string? EndCursor)
{
    /// <summary>A page from <paramref name="fetched"/>, read with one row more than <paramref name="size"/> to tell whether more follow.</summary>
    public static Page<T> From(IReadOnlyList<T> fetched, int size, Func<T, string> cursor)
    {
        var nodes = fetched.Count > size ? fetched.Take(size).ToList() : fetched;
        return new Page<T>(nodes, fetched.Count > size, nodes.Count > 0 ? cursor(nodes[^1]) : null);
    }
}
