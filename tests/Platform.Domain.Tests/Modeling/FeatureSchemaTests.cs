using System.Text.Json;
using Platform.Domain.Campaigns;
using Platform.Domain.Modeling;
using Platform.Domain.Profiles;

namespace Platform.Domain.Tests.Modeling;

public sealed class FeatureSchemaTests
{
    [Fact]
    public void TheSchemaComesFromTheRowsWhateverTheirNames()
    {
        var statistics = new FeatureStatistics();
        var random = new Random(2);
        for (var i = 0; i < 1_000; i++)
        {
            var row = new Dictionary<string, FeatureValue>
            {
                ["weeks_since_visit"] = FeatureValue.Of(random.Next(0, 10)),
                ["spend"] = FeatureValue.Of(Math.Exp(random.NextDouble() * 8)), // heavy tail: log
                ["plan"] = FeatureValue.Of(i % 3 == 0 ? "gold" : i % 3 == 1 ? "silver" : "bronze"),
                ["constant"] = FeatureValue.Of(1),
                ["affinity:shoes"] = FeatureValue.Of(0.4),
            };
            if (i % 10 != 0)
            {
                row["age"] = FeatureValue.Of(20 + random.Next(40));
            }

            statistics.Add(row);
        }

        var schema = statistics.Build();

        Assert.Equal(["age", "spend", "weeks_since_visit"], schema.Numeric.Select(f => f.Name).Order(StringComparer.Ordinal)); // "constant" tells nothing; affinities are not user columns
        Assert.True(schema.Numeric.Single(f => f.Name == "spend").Log);
        Assert.False(schema.Numeric.Single(f => f.Name == "weeks_since_visit").Log);
        Assert.True(schema.Numeric.Single(f => f.Name == "age").HasMissing);
        Assert.Equal(["bronze", "gold", "silver"], schema.Categorical.Single().Values.Order());
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], schema.Numeric.Single(f => f.Name == "weeks_since_visit").Levels); // few distinct values: a slot each too
        Assert.Null(schema.Numeric.Single(f => f.Name == "age").Levels); // 40 of them: a number only
        Assert.Equal(2 + 1 + (1 + 10) + 4, schema.Width);
    }

    [Fact]
    public void EncodingStandardizesAndMarksMissingAndUnknownValues()
    {
        var schema = new FeatureSchema(
            [new NumericFeature("age", Log: false, Mean: 40, Deviation: 10, HasMissing: true, Bins: [])],
            [new CategoricalFeature("plan", ["gold", "silver"])]);

        var known = schema.Encode(new Dictionary<string, FeatureValue> { ["age"] = FeatureValue.Of(55), ["plan"] = FeatureValue.Of("silver") });
        var unknown = schema.Encode(new Dictionary<string, FeatureValue> { ["plan"] = FeatureValue.Of("platinum"), ["other"] = FeatureValue.Of(1) });

        Assert.Equal([1.5f, 0, 0, 1, 0], known);
        Assert.Equal([0, 1, 0, 0, 1], unknown);
        Assert.Equal(["age", "age missing", "plan=gold", "plan=silver", "plan=other"], schema.ColumnNames());
    }

    [Fact]
    public void ANumberWithFewValuesAlsoGetsASlotPerValueSeenOftenEnough()
    {
        // A code such as 1 to 4 whose effect is not monotone (2 unlike 1 and 3) needs a slot per value to be learned.
        var statistics = new FeatureStatistics();
        for (var i = 0; i < 400; i++)
        {
            var row = new Dictionary<string, FeatureValue>
            {
                ["opted_in"] = FeatureValue.Of(i % 2), // two values: the number says it all
                ["purchases_30"] = FeatureValue.Of(i % 5), // a count of the profile's: a quantity, not a code
            };
            if (i % 10 != 9)
            {
                row["code"] = FeatureValue.Of(i < 3 ? 7 : 1 + (i % 4)); // 7 seen 3 times: too rare for a slot of its own; some rows miss it
            }

            statistics.Add(row);
        }

        var schema = statistics.Build();
        var code = schema.Numeric.Single(f => f.Name == "code");

        Assert.Equal([1, 2, 3, 4], code.Levels);
        Assert.Null(schema.Numeric.Single(f => f.Name == "opted_in").Levels);
        Assert.Null(schema.Numeric.Single(f => f.Name == "purchases_30").Levels);
        Assert.Equal(["opted_in", "purchases_30", "code", "code missing", "code=1", "code=2", "code=3", "code=4"], schema.ColumnNames()); // most present first
        var two = schema.Encode(new Dictionary<string, FeatureValue> { ["code"] = FeatureValue.Of(2) });
        var rare = schema.Encode(new Dictionary<string, FeatureValue> { ["code"] = FeatureValue.Of(7) });
        var missing = schema.Encode(new Dictionary<string, FeatureValue>());
        Assert.Equal([0f, 0f, 1f, 0f, 0f], two[3..8]); // after the number: its missing flag, then a slot per value
        Assert.Equal([0f, 0f, 0f, 0f, 0f], rare[3..8]); // its number still reads
        Assert.True(rare[2] > two[2]);
        Assert.Equal([1f, 0f, 0f, 0f, 0f], missing[3..8]);
    }

    [Fact]
    public void TheProfilesCountsAndAmountsAreTheFeaturesItGives()
    {
        var keys = EnrollmentFeatures.Of(new UserProfile(), DateTimeOffset.UnixEpoch, ProfileSettings.Default).Keys;

        Assert.Equal(EnrollmentFeatures.Names.Order(StringComparer.Ordinal), keys.Where(k => !k.StartsWith(FeatureSchema.AffinityPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AVersionStoredBeforeLevelsReadsAsItWasTrained()
    {
        var stored = """{"numeric":[{"name":"code","log":false,"mean":2,"deviation":1,"hasMissing":false,"bins":[]}],"categorical":[]}""";
        var schema = JsonSerializer.Deserialize<FeatureSchema>(stored, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        Assert.Equal([1f], schema.Encode(new Dictionary<string, FeatureValue> { ["code"] = FeatureValue.Of(3) }));
    }

    [Fact]
    public void AValueOfAnotherKindThanTheVersionLearnedReadsAsMissingOrUnknown()
    {
        // The tenant changed its attributes after training: 'age' now holds texts, 'plan' numbers (docs/models.md#features).
        var schema = new FeatureSchema(
            [new NumericFeature("age", Log: false, Mean: 40, Deviation: 10, HasMissing: true, Bins: []), new NumericFeature("visits", Log: false, Mean: 4, Deviation: 2, HasMissing: false, Bins: [])],
            [new CategoricalFeature("plan", ["gold", "silver"])]);

        var changed = schema.Encode(new Dictionary<string, FeatureValue> { ["age"] = FeatureValue.Of("thirties"), ["visits"] = FeatureValue.Of("many"), ["plan"] = FeatureValue.Of(2) });
        var absent = schema.Encode(new Dictionary<string, FeatureValue>());

        Assert.Equal([0, 1, 0, 0, 0, 1], changed); // age missing, visits at its training mean, plan in the unknown slot
        Assert.Equal([0, 1, 0, 0, 0, 0], absent);
    }

    [Fact]
    public void AnOfferEncodesItsDepthChannelScopeAndMatchWithTheUser()
    {
        var design = new CampaignDesign("x", CampaignType.PercentOff, 20, Channel.Sms, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(7), CategoryIds: ["shoes", "bags"]);
        var user = new Dictionary<string, FeatureValue> { ["affinity:shoes"] = FeatureValue.Of(0.5), ["affinity:bags"] = FeatureValue.Of(0.2) };
        var vector = new float[DesignEncoder.OfferWidth];

        DesignEncoder.EncodeOffer(design, user, vector);

        var names = DesignEncoder.OfferColumnNames();
        Assert.Equal(DesignEncoder.OfferWidth, names.Count);
        float At(string name) => vector[names.ToList().IndexOf(name)];
        Assert.Equal((1f, 0.2f, 1f, 1f, 1f), (At("type=PERCENT_OFF"), At("percent"), At("channel=SMS"), At("category scope"), At("value given")));
        Assert.Equal(0.7f, At("category match"), 5);
        Assert.Equal(0f, At("type=AMOUNT_OFF"));
    }
}
