using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Platform.Gateway.Api.Types;

/// <summary>
/// GraphQL's Float, finite as the spec says: graphql-dotnet reads a literal such as 1e400 as infinity, which no rule of
/// ours expects and JSON cannot carry (a grain call failed on it). Such a value is refused as an invalid value.
/// And exact: the JSON reader gives a variable with a fraction as a decimal, whose conversion to double is off by one
/// unit in the last place for about one value in nine, so a rule "propensity > x", with x a score the API returned,
/// matched the shopper whose score is x. The decimal's digits are parsed as a double instead (correctly rounded).
/// </summary>
public sealed class FiniteFloatGraphType : FloatGraphType
{
    public FiniteFloatGraphType() => Name = "Float"; // replaces the built-in scalar wherever the schema uses Float

    public override object? ParseValue(object? value) =>
        Finite(value is decimal exact ? double.Parse(exact.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : base.ParseValue(value), value);

    public override object? ParseLiteral(GraphQLValue value) => Finite(base.ParseLiteral(value), value);

    private object? Finite(object? parsed, object? given) =>
        parsed is double number && !double.IsFinite(number) ? ThrowValueConversionError(given) : parsed;
}
