using GraphQL.Types;
using Platform.Gateway.Api.Limits;

namespace Platform.Gateway.Api.Types;

/// <summary>The GraphQL type of a <see cref="Page{T}"/>: <c>{ nodes hasNextPage endCursor }</c>, named <c>{Name}Page</c>.</summary>
public class PageGraphType<TNodeType, T> : ObjectGraphType<Page<T>>
    where TNodeType : IGraphType
{
    protected PageGraphType(string name, string description, string nodesDescription)
    {
        Name = name;
        Description = description;
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description(nodesDescription)
            .Resolve(ctx => ctx.Source.Nodes)
            .CountedByPage();
        Field(p => p.HasNextPage).Description("Whether another page follows.");
        Field(p => p.EndCursor, nullable: true).Description("Pass as `after` to get the next page; null on an empty page.");
    }
}
