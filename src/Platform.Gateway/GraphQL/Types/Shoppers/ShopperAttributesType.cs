using GraphQL.Types;
using Platform.Domain.Shoppers;
using Platform.Storage.Shoppers;

namespace Platform.Gateway.GraphQL.Types.Shoppers;

public sealed class ShopperAttributesType : ObjectGraphType<ShopperAttributes>
{
    public ShopperAttributesType()
    {
        Name = "ShopperAttributes";
        Description = "What the merchant told us about the shopper (upsertUsers, imports).";
        Field(s => s.Age, nullable: true).Description("Age in years.");
        Field(s => s.Gender, nullable: true).Description("Gender as given, lowercase.");
        Field(s => s.Region, nullable: true).Description("Region as given, lowercase.");
        Field(s => s.Occupation, nullable: true).Description("Occupation as given, lowercase.");
        Field<DateOnlyGraphType>("signupDate").Description("Date of sign-up.").Resolve(ctx => ctx.Source.SignupDate);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AttributeValueType>>>>("custom").Description("Values of the tenant's custom attributes.").Resolve(ctx => ctx.Source.Attributes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Description("Tags given by the merchant or an import.").Resolve(ctx => ctx.Source.Tags);
    }
}
