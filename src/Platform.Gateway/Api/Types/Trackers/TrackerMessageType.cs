using GraphQL.Types;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Api.Types.Ingestion;
using Platform.Gateway.Operations;
using Platform.Storage.Trackers;

namespace Platform.Gateway.Api.Types.Trackers;

public sealed class TrackerMessageType : ObjectGraphType<TrackerMessageRecord>
{
    public TrackerMessageType()
    {
        Name = "TrackerMessage";
        Description = "A message the tracker source refused or ignored, and why (docs/trackers.md#source-debugger).";
        Field<NonNullGraphType<DateTimeGraphType>>("receivedAt").Description("When the source received it.").Resolve(ctx => ctx.Source.ReceivedAt);
        Field<NonNullGraphType<TrackerMessageStatusEnumType>>("status").Description("REFUSED or IGNORED.").Resolve(ctx => ctx.Source.Status);
        Field(m => m.Call).Description("The Segment call: track, identify, page, screen, alias, group (or what the message's type said).");
        Field(m => m.EventName, nullable: true).Description("A track call's event name, a page or screen call's name.");
        Field(m => m.MessageId).Description("The messageId sent, or the one made from the message's content.");
        Field(m => m.UserId, nullable: true).Description("userId, else anonymousId.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldErrorType>>>>("problems")
            .Description($"The rules it broke, each naming the message's field (properties.revenue, traits.age, …); at most {TrackerSourceService.MaxProblemsListed}, the last one counting the rest.")
            .Resolve(ctx => ctx.Source.Problems)
            .FieldType.ListOf(TrackerSourceService.MaxProblemsListed);
    }
}

public sealed class TrackerMessageStatusEnumType : EnumerationGraphType
{
    public TrackerMessageStatusEnumType()
    {
        Name = "TrackerMessageStatus";
        Description = "Why a tracker message is in the source debugger.";
        Add("REFUSED", TrackerMessageStatus.Refused, "It broke a rule; what of it was valid is stored.");
        Add("IGNORED", TrackerMessageStatus.Ignored, "Not stored by design: a call or event without a mapping, or traits that are not stored.");
    }
}
