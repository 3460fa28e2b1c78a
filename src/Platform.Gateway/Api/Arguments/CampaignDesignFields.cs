using GraphQL;
using GraphQL.Types;
using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Gateway.Api.Types.Campaigns;

namespace Platform.Gateway.Api.Arguments;

/// <summary>The fields of a campaign design, shared by CampaignDesignInput (create) and CampaignChangesInput (update).</summary>
public static class CampaignDesignFields
{
    private static readonly (string Name, Type Type, bool Required, string Description)[] Fields =
    [
        ("name", typeof(StringGraphType), true, "1-120 characters."),
        ("type", typeof(CampaignTypeEnumType), true, "What is offered."),
        ("value", typeof(DecimalGraphType), false, "Percent off in (0, 90] for PERCENT_OFF, FLASH_SALE and BUNDLE; amount > 0 for AMOUNT_OFF; multiplier in (1, 20] for POINTS_MULTIPLIER; none for FREE_SHIPPING and MESSAGE_ONLY."),
        ("channel", typeof(ChannelEnumType), true, "Where users see it."),
        ("startsAt", typeof(DateTimeOffsetGraphType), true, "When it starts."),
        ("endsAt", typeof(DateTimeOffsetGraphType), true, "When it ends: after startsAt, at most 366 days later."),
        ("minimumSpend", typeof(DecimalGraphType), false, "The order value the offer needs, 0 or more."),
        ("categoryIds", typeof(ListGraphType<NonNullGraphType<StringGraphType>>), false, "Categories in scope (at most 100); none = all."),
        ("itemIds", typeof(ListGraphType<NonNullGraphType<StringGraphType>>), false, "Items in scope (at most 1000); a BUNDLE names at least 2."),
        ("themeTags", typeof(ListGraphType<NonNullGraphType<StringGraphType>>), false, "Creative theme tags (at most 20)."),
        ("budget", typeof(DecimalGraphType), false, "The most discount it may give away, more than 0; none = no limit."),
        ("frequencyCapPerDay", typeof(IntGraphType), false, "The most times a day one user is shown it, 1-100; none = no cap."),
        ("holdoutShare", typeof(FloatGraphType), false, "Share of the audience kept as control, 0-0.5 (default 0.1)."),
        ("audience", typeof(AudienceInputType), false, "Who it is for (default: all users)."),
        ("attributionWindowDays", typeof(IntGraphType), false, "Days after a user's assignment (its first event of the campaign) in which its purchases count, 1-90 (default 7)."),
        ("costPerContact", typeof(DecimalGraphType), false, "What reaching one treated user costs whatever they do (a text message, a printed mailer, a paid placement), 0 to 1000 (default 0): counted in forecasts' contactCost, incremental margin and ROI, and in the KPIs; not part of the budget."),
    ];

    public static void AddTo<T>(InputObjectGraphType<T> type, bool requireDesign)
    {
        foreach (var (name, graphType, required, description) in Fields)
        {
            type.AddField(new FieldType
            {
                Name = name,
                Type = required && requireDesign ? typeof(NonNullGraphType<>).MakeGenericType(graphType) : graphType,
                Description = description,
            });
        }
    }

    public static CampaignChanges Changes(IDictionary<string, object?> value) => new(
        value.Get("name") as string,
        value.Get("type") as CampaignType?,
        value.Get("value") as decimal?,
        value.Get("channel") as Channel?,
        value.Get("startsAt") as DateTimeOffset?,
        value.Get("endsAt") as DateTimeOffset?,
        value.Get("minimumSpend") as decimal?,
        value.GetList<string>("categoryIds"),
        value.GetList<string>("itemIds"),
        value.GetList<string>("themeTags"),
        value.Get("budget") as decimal?,
        value.Get("frequencyCapPerDay") as int?,
        value.Get("holdoutShare") as double?,
        value.Get("audience") as Audience,
        value.Get("attributionWindowDays") as int?,
        value.Get("costPerContact") as decimal?);
}

public sealed class CampaignDesignInputType : InputObjectGraphType<CampaignDesign>
{
    public CampaignDesignInputType()
    {
        Name = "CampaignDesignInput";
        Description = "A campaign's design. docs/campaigns.md lists every rule.";
        CampaignDesignFields.AddTo(this, requireDesign: true);
    }

    public override object ParseDictionary(IDictionary<string, object?> value)
    {
        var given = CampaignDesignFields.Changes(value);
        var design = new CampaignDesign(given.Name!, given.Type!.Value, null, given.Channel, given.StartsAt!.Value, given.EndsAt!.Value);
        return given.ApplyTo(design);
    }
}

public sealed class CampaignChangesInputType : InputObjectGraphType<CampaignChanges>
{
    public CampaignChangesInputType()
    {
        Name = "CampaignChangesInput";
        Description = "Changes to a campaign's design; fields left out keep their value. Once a campaign has started only name, budget, endsAt and frequencyCapPerDay can change.";
        CampaignDesignFields.AddTo(this, requireDesign: false);
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => CampaignDesignFields.Changes(value);
}
