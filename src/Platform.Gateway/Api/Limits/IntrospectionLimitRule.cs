using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Platform.Domain.Errors;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Api.Limits;

/// <summary>
/// Bounds what introspection may answer: at most <c>MaxIntrospectionValues</c> values per operation
/// (<see cref="IntrospectionSize"/>), room for one full standard introspection query. Introspection costs nothing in the
/// complexity limit and adds no depth, so without this a thousand aliased <c>__schema</c> selections answered 33 MB.
/// </summary>
public sealed class IntrospectionLimitRule(IOptions<PlatformOptions> options) : ValidationRuleBase
{
    public const string Code = ErrorCodes.Complexity;

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        // graphql-dotnet's own __type resolver fails on an empty name (an internal error); it names no type.
        foreach (var empty in context.Document.Definitions.OfType<GraphQLOperationDefinition>().SelectMany(EmptyTypeNames))
        {
            context.ReportError(new ValidationError(context.Document.Source, null, "__type(name:) must name a type; \"\" names none.", empty)
            {
                Code = ErrorCodes.InvalidArgument,
            });
        }

        var limit = options.Value.GraphQL.MaxIntrospectionValues;
        var size = IntrospectionSize.Of(context.Schema, context.Document, context.Operation, limit);
        if (size > limit)
        {
            context.ReportError(new ValidationError(
                context.Document.Source,
                null,
                $"The operation's introspection would answer more than {limit} values; one standard introspection query fits.",
                context.Operation)
            {
                Code = Code,
            });
        }

        return default;
    }

    private static IEnumerable<GraphQLField> EmptyTypeNames(GraphQLOperationDefinition operation) =>
        operation.SelectionSet.Selections.OfType<GraphQLField>().Where(field => field.Name.StringValue == "__type"
            && field.Arguments?.FirstOrDefault(a => a.Name.StringValue == "name")?.Value is GraphQLStringValue { Value.Length: 0 });
}
