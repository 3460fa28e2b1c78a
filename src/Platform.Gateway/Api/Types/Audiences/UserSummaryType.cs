using GraphQL.Types;
using Platform.Storage.Audiences;

namespace Platform.Gateway.Api.Types.Audiences;

public sealed class UserSummaryType : ObjectGraphType<UserSummary>
{
    public UserSummaryType()
    {
        Name = "UserSummary";
        Description = "A user in an audience listing; user(id) gives the full live profile.";
        Field(s => s.UserId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The user id.");
        Field(s => s.Age, nullable: true).Description("Age.");
        Field(s => s.Gender, nullable: true).Description("Gender.");
        Field(s => s.Region, nullable: true).Description("Region.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Description("Merchant tags.").Resolve(ctx => ctx.Source.Tags);
        Field(s => s.Segment).Description("RFM segment as of the last update.");
        Field(s => s.Purchases).Description("Purchases ever.");
        Field(s => s.Revenue).Description("Purchase amount ever.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("interestTags").Description("Behaviour tags as of the last update.").Resolve(ctx => ctx.Source.InterestTags);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("topCategories").Description("Strongest categories.").Resolve(ctx => ctx.Source.TopCategories);
        Field(s => s.LastSeenAt, nullable: true).Description("Latest event.");
    }
}
