using GraphQL.Types;

namespace Platform.Gateway.Api.Types.Models;

public sealed class UserScoringType : ObjectGraphType<(long Users, DateTimeOffset? LatestAt)>
{
    public UserScoringType()
    {
        Name = "UserScoring";
        Description = "Where a USERS version's scoring of the tenant's users stands (docs/models.md#scores-on-users).";
        Field<NonNullGraphType<LongGraphType>>("users").Description("Users whose current scores come from this version.").Resolve(ctx => ctx.Source.Users);
        Field<DateTimeOffsetGraphType>("latestAt").Description("When the latest of them was scored; null before any.").Resolve(ctx => ctx.Source.LatestAt);
    }
}
