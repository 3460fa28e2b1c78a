using GraphQL.Types;

namespace Platform.Gateway.Api.Arguments;

public sealed class ItemInputType : InputObjectGraphType<ItemInput>
{
    public ItemInputType()
    {
        Name = "ItemInput";
        Description = "A catalog item; an upsert replaces the stored item whole.";
        Field(i => i.Id, nullable: true).Description("The item id, as in events (required).");
        Field(i => i.Title, nullable: true).Description("Required, up to 256 characters.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("categoryPath").Description("From the top category to the leaf, at most 6 levels; the leaf is the item's category.");
        Field(i => i.Brand, nullable: true).Description("Brand, up to 64 characters.");
        Field(i => i.Price, nullable: true).Description("Price, 0 to 1e9; needs currency.");
        Field(i => i.Currency, nullable: true).Description("ISO 4217 code such as EUR.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags").Description("Tags: lowercase letters, digits, '_', '-', ':'.");
    }
}
