using GraphQL.Types;
using Platform.Domain.Events;
using Platform.Gateway.Api.Limits;
using Platform.Domain.Profiles;
using Platform.Domain.Users;

namespace Platform.Gateway.Api.Types.Profiles;

public sealed class UserProfileType : ObjectGraphType<UserProfileResult>
{
    // The fields read from PostgreSQL beside the live profile: user(id) loads them only when selected (ProfileService.Parts).
    // A new field that reads Source.Attributes or Source.Score must be added to that check.
    public const string AttributesField = "attributes";
    public const string ScoresField = "scores";
    public const string SegmentsField = "segments";

    public UserProfileType()
    {
        Name = "UserProfile";
        Description = "A user's live profile, folded from its events (docs/profiles.md).";
        Field(p => p.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The user id.");
        Field<Users.UserAttributesType>(AttributesField).Description("Attributes and tags from upsertUsers or imports; null when none were given.").Resolve(ctx => ctx.Source.Attributes);
        Field<UserScoreType>(ScoresField)
            .Description("The tenant's ACTIVE USERS version's scores of the live profile, as of this read (the last scoring run's where this node cannot serve the version; docs/models.md#scores-on-users); null without a version or for a user without events.")
            .Resolve(ctx => ctx.Source.Score);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>(SegmentsField).Description("The tenant's named segments (createSegment) whose rule holds for the user now.").Resolve(ctx => ctx.Source.Segments);
        Field(p => p.View.FirstSeenAt, nullable: true).Description("First event.");
        Field(p => p.View.LastSeenAt, nullable: true).Description("Latest event.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventCounterType>>>>("counters").Description("Events per type: ever, 7 and 30 days.").Resolve(ctx => ctx.Source.View.Counters).FieldType.ListOf(EventTypeNames.All.Count);
        Field<NonNullGraphType<RfmType>>("rfm").Description("Recency, frequency, monetary and the RFM segment.").Resolve(ctx => ctx.Source.View.Rfm);
        Field(p => p.View.Purchases).Description("Purchases ever.");
        Field(p => p.View.Revenue).Description("Purchase amount ever.");
        Field(p => p.View.DiscountSensitivity, nullable: true).Description("Share of purchases made with a coupon or campaign, 0 to 1; null without purchases.");
        Field(p => p.View.AverageRating, nullable: true).Description("Mean rating of the user's reviews.");
        Field(p => p.View.EngagementSeconds).Description("Total engagement time reported by events (durationSeconds).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AffinityType>>>>("categoryAffinities").Description("Strongest category interests, decayed to now.").Resolve(ctx => ctx.Source.View.CategoryAffinities).FieldType.ListOf(ProfileReader.AffinitiesShown);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AffinityType>>>>("brandAffinities").Description("Strongest brand interests (brands come from the catalog), decayed to now.").Resolve(ctx => ctx.Source.View.BrandAffinities).FieldType.ListOf(ProfileReader.AffinitiesShown);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("interestTags").Description("Behaviour tags such as new_customer, lapsed, bargain_hunter, fan:<category>.").Resolve(ctx => ctx.Source.View.InterestTags);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrajectoryStepType>>>>("trajectory").Description("The latest 50 events, newest first.").Resolve(ctx => ctx.Source.View.Trajectory).FieldType.ListOf(UserProfile.TrajectoryLength);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignTouchType>>>>("campaigns").Description("The 20 campaigns touched most recently.").Resolve(ctx => ctx.Source.View.Campaigns).FieldType.ListOf(UserProfile.CampaignHistoryLength);
        Field<NonNullGraphType<LongGraphType>>("appliedSequence").Description("The log offset this profile has folded.").Resolve(ctx => ctx.Source.View.AppliedSeq);
    }
}
