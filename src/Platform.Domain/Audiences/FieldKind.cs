namespace Platform.Domain.Audiences;

public enum FieldKind
{
    Number,
    Text,
    TextList,
    Date,

    /// <summary>A custom attribute: a number or a text, as the tenant's schema declares.</summary>
    Attribute,
}
