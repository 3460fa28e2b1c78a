using GraphQL.Types;
using Platform.Domain.Imports;

namespace Platform.Gateway.Api.Arguments;

public sealed class FileEncodingEnumType : EnumerationGraphType
{
    public FileEncodingEnumType()
    {
        Name = "FileEncoding";
        Description = "How an uploaded file's bytes are read as text; a byte-order mark overrides it.";
        Add("UTF_8", FileEncoding.Utf8, "UTF-8 (the default). A byte that is not UTF-8 reads as U+FFFD.");
        Add("WINDOWS_1252", FileEncoding.Windows1252, "Windows-1252, which also reads ISO-8859-1 (Latin-1) text: older Western European exports.");
    }
}
