using GraphQL.Types;
using GraphQLParser.AST;
using Platform.Gateway.Api.Transport;

namespace Platform.Gateway.Api.Types;

/// <summary>A file sent with the GraphQL multipart request spec; only valid as a variable of a multipart request.</summary>
public sealed class UploadGraphType : ScalarGraphType
{
    public UploadGraphType()
    {
        Name = "Upload";
        Description = "A file sent as a part of a multipart/form-data request (GraphQL multipart request spec).";
    }

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        UploadedFile file => file,
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value is GraphQLNullValue ? null : ThrowLiteralConversionError(value);

    public override object? Serialize(object? value) => null;
}
