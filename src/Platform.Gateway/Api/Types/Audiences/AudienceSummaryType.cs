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
        Field(s => s.Scored).Description("Of them, users scored by the ACTIVE USERS version (docs/models.md#scores-on-users).");
        Field(s => s.ExpectedSpend).Description("The sum of their expected 30-day spend (0 without scores).");
        AddBuckets("propensity", "Scored users by 30-day purchase propensity, in tenths (0.0-0.1 … 0.9-1.0), in that order.", s => s.Propensity);
        AddBuckets("churnRisk", "Scored users by churn risk, in tenths, in that order.", s => s.ChurnRisk);
        AddBuckets("personas", "Scored users by persona (\"index: description\").", s => s.Personas);
    }

    private void AddBuckets(string name, string description, Func<AudienceSummary, IReadOnlyList<Bucket>> read) =>
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BucketType>>>>(name).Description(description).Resolve(ctx => read(ctx.Source)).FieldType.ListOf(AudienceQueries.TopBuckets);
}
