using System.Text.Json;
using System.Text.Json.Serialization;
using GraphQL.Types;
using Platform.Storage.Audiences;

namespace Platform.Gateway.GraphQL.Types.Audiences;

public sealed class SegmentType : ObjectGraphType<Segment>
{
    private static readonly JsonSerializerOptions RuleJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public SegmentType()
    {
        Name = "Segment";
        Description = "A named rule segment; shoppers belong to it while its rule holds.";
        Field(s => s.Name).Description("The segment's name.");
        Field<NonNullGraphType<StringGraphType>>("rule").Description("The rule, as JSON in the shape of AudienceRuleInput.").Resolve(ctx => JsonSerializer.Serialize(ctx.Source.Rule, RuleJson));
        Field(s => s.CreatedAt).Description("When it was created.");
    }
}
