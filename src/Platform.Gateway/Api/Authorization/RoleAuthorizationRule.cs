using Platform.Domain.Errors;
using GraphQL.Validation;
using GraphQLParser.AST;
using Platform.Domain.Auth;
using Platform.Gateway.Api.Execution;

namespace Platform.Gateway.Api.Authorization;

/// <summary>
/// Rejects a whole document before anything runs when it selects a field the caller's role may not
/// use. Registered for cached documents too, since the answer depends on the caller, not the text.
/// </summary>
public sealed class RoleAuthorizationRule : ValidationRuleBase
{
    public const string Code = ErrorCodes.Forbidden;

    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new((node, context) =>
    {
        var field = context.TypeInfo.GetFieldDef();
        if (field is null)
        {
            return;
        }

        var caller = context.UserContext.GetCaller();
        if (!FieldAccess.Allows(field, caller))
        {
            var who = caller.IsSystem ? "the system key" : $"a {RoleNames.ToWire(caller.Role!.Value)} key";
            context.ReportError(new ValidationError(
                context.Document.Source,
                null,
                $"Field '{field.Name}' requires {FieldAccess.Describe(field)}; this request uses {who}.",
                node)
            {
                Code = Code,
            });
        }
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);
}
