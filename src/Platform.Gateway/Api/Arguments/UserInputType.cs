using GraphQL.Types;

namespace Platform.Gateway.Api.Arguments;

public sealed class UserInputType : InputObjectGraphType<UserInput>
{
    public UserInputType()
    {
        Name = "UserInput";
        Description = "A user's attributes. Omitted fields keep their stored value; custom attributes merge; tags, when given, replace.";
        Field(u => u.Id, nullable: true).Description("The user id, as in events (required).");
        Field(u => u.Age, nullable: true).Description("0 to 120.");
        Field(u => u.Gender, nullable: true).Description("Free text up to 64 characters, stored lowercase.");
        Field(u => u.Region, nullable: true).Description("Free text up to 64 characters, stored lowercase.");
        Field(u => u.Occupation, nullable: true).Description("Free text up to 64 characters, stored lowercase.");
        Field(u => u.SignupDate, nullable: true).Description("Date of sign-up, e.g. 2026-03-31.");
        Field<ListGraphType<NonNullGraphType<AttributeValueInputType>>>("attributes").Description("Values of the tenant's custom attributes.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags").Description("Up to 50 tags: lowercase letters, digits, '_', '-', ':'.");
    }
}
