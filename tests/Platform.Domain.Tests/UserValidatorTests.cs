using Platform.Domain.Catalog;
using Platform.Domain.Users;

namespace Platform.Domain.Tests;

public sealed class UserValidatorTests
{
    private static readonly AttributeDefinition[] Schema =
    [
        new("num_past_purch", AttributeKind.Numeric),
        new("channel_acq", AttributeKind.Categorical, ["google", "facebook", "instagram", "referral", "other"]),
        new("notes", AttributeKind.Categorical),
    ];

    [Fact]
    public void AValidUserKeepsItsAttributesAndLowercasesText()
    {
        var (user, violations) = UserValidator.Validate(
            new UserDraft("6001", 34, "Female", "North", null, "2026-01-31",
                [new("num_past_purch", 6, null), new("channel_acq", null, "facebook")], ["artea", "artea:coupon"]),
            Schema);

        Assert.Empty(violations);
        Assert.Equal("female", user!.Gender);
        Assert.Equal(new DateOnly(2026, 1, 31), user.SignupDate);
        Assert.Equal(6, user.Attributes["num_past_purch"].Number);
        Assert.Equal(["artea", "artea:coupon"], user.Tags);
    }

    [Fact]
    public void AttributesMustBeDeclaredAndOfTheirKind()
    {
        var (_, violations) = UserValidator.Validate(
            new UserDraft("u1", Attributes: [new("num_past_purch", null, "six"), new("channel_acq", null, "tiktok"), new("shoe_size", 42, null), new("notes", 1, null)]),
            Schema);

        Assert.Equal(
            ["attributes.channel_acq:not_allowed", "attributes.notes:not_categorical", "attributes.num_past_purch:not_numeric", "attributes.shoe_size:undeclared"],
            violations.Select(v => $"{v.Field}:{v.Rule}").Order());
    }

    [Fact]
    public void ACategoricalValueWithNulIsRefusedNamingTheAttribute()
    {
        var (_, violations) = UserValidator.Validate(new UserDraft("u1", Attributes: [new("notes", null, "gold\0")]), Schema);

        Assert.Equal("attributes.notes:not_categorical", Assert.Single(violations.Select(v => $"{v.Field}:{v.Rule}")));
    }

    [Theory]
    [InlineData(-1, null, null, "age:out_of_range")]
    [InlineData(null, "31/01/2026", null, "signupDate:format")]
    [InlineData(null, null, "VIP", "tags:format")]
    public void FixedFieldsAreChecked(int? age, string? signup, string? tag, string expected)
    {
        var (_, violations) = UserValidator.Validate(new UserDraft("u1", age, SignupDate: signup, Tags: tag is null ? null : [tag]), Schema);

        Assert.Equal(expected, violations.Select(v => $"{v.Field}:{v.Rule}").Single());
    }

    [Fact]
    public void SchemasNeedWellFormedUniqueNames()
    {
        var violations = AttributeSchemaRules.Validate([new("Bad Name", AttributeKind.Numeric), new("x", AttributeKind.Numeric), new("x", AttributeKind.Categorical), new("n", AttributeKind.Numeric, ["a"])]);

        Assert.Equal(["attributes:duplicate", "attributes[0].name:format", "attributes[3].allowedValues:not_categorical"], violations.Select(v => $"{v.Field}:{v.Rule}").Order());
    }

    [Fact]
    public void ItemsNeedATitleAndAPriceWithCurrency()
    {
        var (item, ok) = ItemValidator.Validate(new ItemDraft("sku-1", "Red scarf", ["women", "accessories", "scarves"], "acme", 19.9m, "EUR", ["sale"]));
        var (_, bad) = ItemValidator.Validate(new ItemDraft("sku-2", " ", Price: 5m, CategoryPath: ["a", "b", "c", "d", "e", "f", "g"]));

        Assert.Empty(ok);
        Assert.Equal("scarves", item!.CategoryPath[^1]);
        Assert.Equal(["categoryPath:too_deep", "currency:format", "title:required"], bad.Select(v => $"{v.Field}:{v.Rule}").Order());
    }

    [Fact]
    public void AnItemsCurrencyIsCheckedEvenWithoutAPrice()
    {
        var (_, violations) = ItemValidator.Validate(new ItemDraft("sku-1", "Scarf", Currency: "euros"));

        Assert.Equal(("currency", "format"), (violations.Single().Field, violations.Single().Rule));
    }

    [Fact]
    public void AnItemTitleWithNulIsRefused()
    {
        var (item, violations) = ItemValidator.Validate(new ItemDraft("sku-1", "Red\0scarf"));

        Assert.Null(item);
        Assert.Equal(("title", "format"), (violations.Single().Field, violations.Single().Rule));
    }
}
