using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;

namespace Platform.Gateway.Tests;

/// <summary>Refuses documents that use deprecated fields or arguments: the docs show the current names.</summary>
public sealed class NoDeprecatedElementsRule : DeprecatedElementsValidationRule
{
    protected override ValueTask OnDeprecatedFieldReferencedAsync(ValidationContext context, GraphQLField fieldNode, FieldType fieldDefinition, IGraphType parentType)
    {
        context.ReportError(new ValidationError($"{parentType.Name}.{fieldDefinition.Name} is deprecated: {fieldDefinition.DeprecationReason}") { Code = "DEPRECATED" });
        return default;
    }

    protected override ValueTask OnDeprecatedFieldArgumentReferencedAsync(ValidationContext context, GraphQLArgument argumentNode, QueryArgument argumentDefinition, FieldType fieldDefinition, IGraphType parentType)
    {
        context.ReportError(new ValidationError($"{parentType.Name}.{fieldDefinition.Name}({argumentDefinition.Name}) is deprecated") { Code = "DEPRECATED" });
        return default;
    }

    protected override ValueTask OnDeprecatedDirectiveArgumentReferencedAsync(ValidationContext context, GraphQLArgument argumentNode, QueryArgument argumentDefinition, Directive directive) => default;

    protected override ValueTask OnDeprecatedTypeReferencedAsync(ValidationContext context, GraphQLNamedType typeNode, IGraphType type) => default;
}
