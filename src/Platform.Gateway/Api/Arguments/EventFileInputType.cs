using GraphQL.Types;
using Platform.Domain.Imports;

namespace Platform.Gateway.Api.Arguments;

public sealed class EventFileInputType : InputObjectGraphType<EventFileMapping>
{
    public EventFileInputType()
    {
        Name = "EventFileInput";
        Description = "How an events file in a shape of its own becomes events (docs/imports.md#events-files-in-other-shapes).";
        Field<ListGraphType<NonNullGraphType<FieldColumnInputType>>>("fields").Description("The file's column of each event field it names differently; other columns are read by their own names.");
        Field<ListGraphType<NonNullGraphType<FieldValueInputType>>>("constants").Description("The value of a field for rows whose file has no column, or an empty cell, for it: an orders file's type PURCHASE, its currency.");
        Field<ListGraphType<NonNullGraphType<TypeValueInputType>>>("types").Description($"Values of the type column and the event types they stand for (at most {EventFileMapping.MaxTypes}); other values are read as wire names.");
        Field<StringGraphType>("timeFormat").Description($"How occurredAt is written: {EventFileMapping.Iso8601} (the default), {EventFileMapping.UnixSeconds}, {EventFileMapping.UnixMilliseconds}, or a .NET date pattern such as 'M/d/yyyy H:mm'.");
        Field<StringGraphType>("timeZone").Description("The IANA time zone of a date pattern without an offset (default UTC).");
        Field<RatingScaleInputType>("ratingScale").Description("The scale of the file's ratings when it is not 0.5 to 5, e.g. {min: 1, max: 10}; a rating outside it is rejected.");
        Field<BooleanGraphType>("shiftToNow").Description("Move every event by the same amount so that the file's latest event falls at the import's start (default false).");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new EventFileMapping(
        value.GetList<FieldColumn>("fields"),
        value.GetList<TypeValue>("types"),
        value.Get("timeFormat") as string,
        value.Get("timeZone") as string,
        value.Get("shiftToNow") as bool? ?? false,
        value.GetList<FieldValue>("constants"),
        value.Get("ratingScale") as RatingScale);
}
