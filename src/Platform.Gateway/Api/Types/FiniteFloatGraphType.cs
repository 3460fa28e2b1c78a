using GraphQL.Types;
using GraphQLParser.AST;

namespace Platform.Gateway.Api.Types;

/// <summary>
/// GraphQL's Float, finite as the spec says: graphql-dotnet reads a literal such as 1e400 as infinity, which no rule of
/// ours expects and JSON cannot carry (a grain call failed on it). Such a value is refused as an invalid value.
/// </summary>
public sealed class FiniteFloatGraphType : FloatGraphType
{
    public FiniteFloatGraphType() => Name = "Float"; // replaces the built-in scalar wherever the schema uses Float

    public override object? ParseValue(object? value) => Finite(base.ParseValue(value), value);

    public override object? ParseLiteral(GraphQLValue value) => Finite(base.ParseLiteral(value), value);

    private object? Finite(object? parsed, object? given) =>
        parsed is double number && !double.IsFinite(number) ? ThrowValueConversionError(given) : parsed;
}
