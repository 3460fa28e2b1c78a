using GraphQL.Types;
using Platform.Gateway.Api.Limits;
using Platform.Storage.Audiences;

namespace Platform.Gateway.Api.Types.Audiences;

public sealed class AudienceSummaryType : ObjectGraphType<AudienceSummary>
{
    public AudienceSummaryType()
    {
        Name = "AudienceSummary";
        Description = "Counts and distributions of an audience, computed in PostgreSQL from the profile projection (as of each user's last update).";
        Field(s => s.Users).Description("Users in the audience.");
        Field("shoppers", s => s.Users).Description("Users in the audience.").DeprecationReason("Renamed to users.");
        Field(s => s.WithEvents).Description("Of them, users with at least one event.");
        Field(s => s.Buyers).Description("Of them, users with at least one purchase.");
        Field(s => s.Revenue).Description("Their purchase amount ever.");
        AddBuckets("ageBuckets", "By age band (under 18, 18-24, … 65+, unknown).", s => s.AgeBuckets);
        AddBuckets("genders", "By gender (top 20).", s => s.Genders);
        AddBuckets("regions", "By region (top 20).", s => s.Regions);
        AddBuckets("rfmSegments", "By RFM segment.", s => s.RfmSegments);
        AddBuckets("topCategories", "By strongest category (top 20).", s => s.TopCategories);
        AddBuckets("interestTags", "By behaviour tag (top 20; a user counts once per tag).", s => s.InterestTags);
        AddBuckets("tags", "By merchant tag (top 20; a user counts once per tag).", s => s.Tags);
    }

    private void AddBuckets(string name, string description, Func<AudienceSummary, IReadOnlyList<Bucket>> read) =>
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BucketType>>>>(name).Description(description).Resolve(ctx => read(ctx.Source)).FieldType.ListOf(AudienceQueries.TopBuckets);
}
