using GraphQL.Types;
using Platform.Gateway.Api.Limits;
using Platform.Domain.Users;
using Platform.Storage.Users;

namespace Platform.Gateway.Api.Types.Users;

public sealed class UserAttributesType : ObjectGraphType<UserAttributes>
{
    public UserAttributesType()
    {
        Name = "UserAttributes";
        Description = "What the merchant told us about the user (upsertUsers, imports).";
        Field(s => s.Age, nullable: true).Description("Age in years.");
        Field(s => s.Gender, nullable: true).Description("Gender as given, lowercase.");
        Field(s => s.Region, nullable: true).Description("Region as given, lowercase.");
        Field(s => s.Occupation, nullable: true).Description("Occupation as given, lowercase.");
        Field<DateOnlyGraphType>("signupDate").Description("Date of sign-up.").Resolve(ctx => ctx.Source.SignupDate);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AttributeValueType>>>>("custom").Description("Values of the tenant's custom attributes.").Resolve(ctx => ctx.Source.Attributes).FieldType.ListOf(AttributeSchemaRules.MaxAttributes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Description("Tags given by the merchant or an import.").Resolve(ctx => ctx.Source.Tags);
    }
}
