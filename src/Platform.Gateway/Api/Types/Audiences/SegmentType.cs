using GraphQL.Types;
using Platform.Storage.Audiences;

namespace Platform.Gateway.Api.Types.Audiences;

public sealed class SegmentType : ObjectGraphType<Segment>
{
    public SegmentType()
    {
        Name = "Segment";
        Description = "A named rule segment; users belong to it while its rule holds.";
        Field(s => s.Name).Description("The segment's name.");
        Field<NonNullGraphType<StringGraphType>>("rule").Description("The rule, as JSON in the shape of AudienceRuleInput.").Resolve(ctx => AudienceJson.Serialize(ctx.Source.Rule));
        Field(s => s.CreatedAt).Description("When it was created.");
    }
}
