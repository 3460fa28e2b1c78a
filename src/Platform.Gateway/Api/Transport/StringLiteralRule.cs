using GraphQL.Validation;
using GraphQLParser.AST;
using Platform.Domain;
using Platform.Domain.Errors;

namespace Platform.Gateway.Api.Transport;

/// <summary>
/// A string written in the document itself can escape half of a surrogate pair (<c>tags: ["\ud800"]</c>): the parser
/// decodes it into a string that is not text, which every resolver would have to refuse on its own (PostgreSQL and UTF-8
/// writers cannot take it). The JSON body's strings are checked as they are read (<see cref="RequestJson"/>); this rule
/// refuses the document's, as INVALID_ARGUMENT naming the argument (or variable default) with rule <c>format</c>.
/// </summary>
public sealed class StringLiteralRule : ValidationRuleBase
{
    private static readonly INodeVisitor Visitor = new NodeVisitors(
        new MatchingNodeVisitor<GraphQLArgument>((argument, context) => Check(argument.Name.StringValue, argument.Value, argument, context)),
        new MatchingNodeVisitor<GraphQLVariableDefinition>((variable, context) =>
        {
            if (variable.DefaultValue is { } value)
            {
                Check(variable.Variable.Name.StringValue, value, variable, context);
            }
        }));

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);

    private static void Check(string field, GraphQLValue value, ASTNode node, ValidationContext context)
    {
        if (!HasUnpairedSurrogate(value))
        {
            return;
        }

        var message = $"{field} holds a string that escapes half of a surrogate pair (such as \\ud800), which is not text.";
        context.ReportError(new ValidationError(context.Document.Source, null, message, node)
        {
            Code = ErrorCodes.InvalidArgument,
            Extensions = new Dictionary<string, object?>
            {
                ["field"] = field,
                ["rule"] = "format",
                ["violations"] = new[] { new Dictionary<string, object?> { ["field"] = field, ["rule"] = "format", ["message"] = message } },
            },
        });
    }

    private static bool HasUnpairedSurrogate(GraphQLValue value) => value switch
    {
        GraphQLStringValue text => FreeText.HasUnpairedSurrogate(text.Value.Span),
        GraphQLListValue list => list.Values?.Any(HasUnpairedSurrogate) ?? false,
        GraphQLObjectValue input => input.Fields?.Any(f => HasUnpairedSurrogate(f.Value)) ?? false,
        _ => false,
    };
}
