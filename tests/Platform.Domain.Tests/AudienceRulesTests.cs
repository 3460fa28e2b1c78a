using Platform.Domain.Audiences;
using Platform.Domain.Decisions;
using Platform.Domain.Modeling.UserScores;
using Platform.Domain.Profiles;
using Platform.Domain.Users;

namespace Platform.Domain.Tests;

public sealed class AudienceRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("age", RuleOperator.Gte, null, 30.0, null)]
    [InlineData("shoe_size", RuleOperator.Eq, "42", null, "unknown_field")]
    [InlineData("region", RuleOperator.Gt, "north", null, "not_applicable")]
    [InlineData("tags", RuleOperator.Eq, "vip", null, "not_applicable")]
    [InlineData("purchases", RuleOperator.Gt, "3", null, "not_applicable")]
    [InlineData("counter.PURCHASE.last30Days", RuleOperator.Gte, null, 1.0, null)]
    [InlineData("counter.TELEPORT.total", RuleOperator.Gte, null, 1.0, "unknown_field")]
    [InlineData("attribute.channel_acq", RuleOperator.Eq, "google", null, null)]
    [InlineData("attribute.num_past_purch", RuleOperator.Gt, "3", null, "not_applicable")]
    public void ConditionsMustFitTheirField(string field, RuleOperator op, string? value, double? number, string? rule)
    {
        var violations = AudienceRules.Validate(new AudienceRule(Field: field, Op: op, Value: value, Number: number));

        Assert.Equal(rule, violations.SingleOrDefault()?.Rule);
    }

    [Fact]
    public void AnAudienceIsExactlyOneThing()
    {
        Assert.Equal("one_of", AudienceRules.Validate(new Audience(All: true, Tags: ["vip"])).Single().Rule);
        Assert.Equal("one_of", AudienceRules.Validate(new Audience()).Single().Rule);
        Assert.Empty(AudienceRules.Validate(new Audience(Tags: ["vip"])));
    }

    [Fact]
    public void TextThatNoColumnCanHoldIsRefusedWithItsPath()
    {
        Assert.Equal("audience.tags[1]", AudienceRules.Validate(new Audience(Tags: ["vip", "a\0b"])).Single().Field);
        Assert.Equal("rule.value", AudienceRules.Validate(new AudienceRule(Field: "region", Op: RuleOperator.Eq, Value: "n\0")).Single().Field);
        Assert.Equal("rule.values", AudienceRules.Validate(new AudienceRule(Field: "region", Op: RuleOperator.In, Values: ["a", "\0"])).Single().Field);
    }

    [Fact]
    public void AnUpliftAudienceKeepsAPositiveMarginOrATopShareOfAPlainAudience()
    {
        static string[] Broken(UpliftSelection uplift) => AudienceRules.Validate(new Audience(Uplift: uplift)).Select(v => $"{v.Field}:{v.Rule}").ToArray();

        Assert.Empty(Broken(new UpliftSelection(TargetingKind.PositiveMargin)));
        Assert.Empty(Broken(new UpliftSelection(TargetingKind.TopPercent, 10, "cmp-1", new Audience(Tags: ["vip"]))));
        Assert.Equal(["audience.uplift.percent:out_of_range"], Broken(new UpliftSelection(TargetingKind.TopPercent)));
        Assert.Equal(["audience.uplift.percent:out_of_range"], Broken(new UpliftSelection(TargetingKind.TopPercent, 120)));
        Assert.Empty(Broken(new UpliftSelection(TargetingKind.TopUpliftPercent, 10, "cmp-1")));
        Assert.Equal(["audience.uplift.percent:out_of_range"], Broken(new UpliftSelection(TargetingKind.TopUpliftPercent)));
        Assert.Equal(["audience.uplift.percent:not_applicable"], Broken(new UpliftSelection(TargetingKind.PositiveMargin, 10)));
        Assert.Equal(["audience.uplift.keep:not_applicable"], Broken(new UpliftSelection(TargetingKind.All)));
        Assert.Equal(["audience.uplift.among:not_applicable"], Broken(new UpliftSelection(TargetingKind.PositiveMargin, Among: new Audience(Uplift: new UpliftSelection(TargetingKind.PositiveMargin)))));
        Assert.Equal(["audience.uplift.among:one_of"], Broken(new UpliftSelection(TargetingKind.PositiveMargin, Among: new Audience())));
        Assert.Equal("one_of", AudienceRules.Validate(new Audience(All: true, Uplift: new UpliftSelection(TargetingKind.PositiveMargin))).Single().Rule);
    }

    [Fact]
    public void RulesAreBoundedInDepth()
    {
        var rule = new AudienceRule(Field: "age", Op: RuleOperator.Exists);
        for (var i = 0; i < AudienceRules.MaxDepth; i++)
        {
            rule = new AudienceRule(Not: rule);
        }

        Assert.Contains(AudienceRules.Validate(rule), v => v.Rule == "too_deep");
    }

    [Fact]
    public void RulesCombineAttributesProfileAndTags()
    {
        var user = Snapshot(age: 34, region: "north", tags: ["vip"], channel: "google", pastPurchases: 6);
        var rule = new AudienceRule(All:
        [
            new(Field: "age", Op: RuleOperator.Gte, Number: 30),
            new(Any: [new(Field: "region", Op: RuleOperator.In, Values: ["north", "east"]), new(Field: "tags", Op: RuleOperator.Contains, Value: "never")]),
            new(Not: new(Field: "segment", Op: RuleOperator.Eq, Value: "champions")),
            new(Field: "attribute.channel_acq", Op: RuleOperator.Eq, Value: "google"),
            new(Field: "attribute.num_past_purch", Op: RuleOperator.Gt, Number: 5),
            new(Field: "counter.VIEW.total", Op: RuleOperator.Eq, Number: 0),
        ]);

        Assert.Empty(AudienceRules.Validate(rule));
        Assert.True(AudienceEvaluator.Matches(rule, user));
        Assert.False(AudienceEvaluator.Matches(rule with { All = [.. rule.All!, new(Field: "gender", Op: RuleOperator.Exists)] }, user));
    }

    [Fact]
    public void AMissingValueSatisfiesNoConditionButItsNegation()
    {
        var user = Snapshot(age: null, region: null, tags: [], channel: null, pastPurchases: null);
        var ageUnder30 = new AudienceRule(Field: "age", Op: RuleOperator.Lt, Number: 30);

        Assert.False(AudienceEvaluator.Matches(ageUnder30, user));
        Assert.True(AudienceEvaluator.Matches(new AudienceRule(Not: ageUnder30), user));
        Assert.False(AudienceEvaluator.Matches(new AudienceRule(Field: "tags", Op: RuleOperator.Exists), user));
    }

    [Fact]
    public void ScoreRulesReadTheActiveVersionsScoresAndAnUnscoredUserMatchesNone()
    {
        var unscored = Snapshot(age: 30, region: null, tags: [], channel: null, pastPurchases: null);
        var scored = unscored with { Score = new UserScore(Guid.NewGuid(), Propensity: 0.4, ExpectedSpend: 25, ChurnRisk: 0.2, Persona: 1, PersonaDescription: "higher revenue", Now) };
        var likely = new AudienceRule(All:
        [
            new(Field: "propensity", Op: RuleOperator.Gt, Number: 0.3),
            new(Field: "churnRisk", Op: RuleOperator.Lt, Number: 0.5),
            new(Field: "expectedSpend", Op: RuleOperator.Gte, Number: 20),
            new(Field: "persona", Op: RuleOperator.Eq, Number: 1),
        ]);

        Assert.Empty(AudienceRules.Validate(likely));
        Assert.True(AudienceEvaluator.Matches(likely, scored));
        Assert.False(AudienceEvaluator.Matches(likely, unscored));
        Assert.False(AudienceEvaluator.Matches(new AudienceRule(Field: "propensity", Op: RuleOperator.Lt, Number: 0.3), unscored));
    }

    [Fact]
    public void EveryFieldThatReadsScoresIsNamedSoASnapshotWithoutScoresIsOnlyTakenWhereNoneIsTested()
    {
        var unscored = Snapshot(age: 30, region: "north", tags: ["vip"], channel: null, pastPurchases: null);
        var scored = unscored with { Score = new UserScore(Guid.NewGuid(), Propensity: 0.4, ExpectedSpend: 25, ChurnRisk: 0.2, Persona: 1, PersonaDescription: null, Now) };
        var readingScores = AudienceFields.FixedNames
            .Where(name => !Same(AudienceFields.Find(name)!.Read(unscored), AudienceFields.Find(name)!.Read(scored)))
            .Order(StringComparer.Ordinal);

        Assert.Equal(AudienceFields.ScoreFieldNames.Order(StringComparer.Ordinal), readingScores);
    }

    private static bool Same(object? a, object? b) =>
        a is IEnumerable<string> list && b is IEnumerable<string> other ? list.SequenceEqual(other) : Equals(a, b);

    [Fact]
    public void SnapshotPartsAreWhatTheAudiencesLookAt()
    {
        var onScore = new AudienceRule(Not: new AudienceRule(Any: [new(Field: "age", Op: RuleOperator.Gt, Number: 30), new(Field: "churnRisk", Op: RuleOperator.Lt, Number: 0.5)]));
        var onAge = new AudienceRule(All: [new(Field: "age", Op: RuleOperator.Gt, Number: 30)]);
        var uplift = new Audience(Uplift: new UpliftSelection(TargetingKind.PositiveMargin));

        Assert.Equal(new SnapshotParts(false, false), SnapshotParts.For([null, new Audience(All: true), new Audience(Rule: onAge), new Audience(Tags: ["vip"])]));
        Assert.Equal(new SnapshotParts(true, false), SnapshotParts.For([new Audience(Rule: onAge), new Audience(Rule: onScore)]));
        Assert.Equal(new SnapshotParts(false, true), SnapshotParts.For([uplift]));
        Assert.Equal(new SnapshotParts(true, true), SnapshotParts.For([uplift, new Audience(Rule: onScore)]));
    }

    private static UserSnapshot Snapshot(int? age, string? region, string[] tags, string? channel, double? pastPurchases)
    {
        var attributes = new List<AttributeValue>();
        if (channel is not null)
        {
            attributes.Add(new("channel_acq", null, channel));
        }

        if (pastPurchases is { } n)
        {
            attributes.Add(new("num_past_purch", n, null));
        }

        return new UserSnapshot(
            ProfileReader.Read(new UserProfile(), Now, ProfileSettings.Default),
            new UserAttributes("u1", age, null, region, null, null, attributes, tags));
    }
}
