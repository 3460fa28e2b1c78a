using Platform.Domain.Campaigns;

namespace Platform.Domain.Tests.Campaigns;

public sealed class CampaignChangesTests
{
    [Fact]
    public void FieldsLeftOutKeepTheirValue()
    {
        var design = CampaignDesignRulesTests.Valid() with { ThemeTags = ["snow"], FrequencyCapPerDay = 3 };
        var changed = new CampaignChanges(Budget: 7_500m, Name: "Renamed").ApplyTo(design);
        Assert.Equal(design with { Budget = 7_500m, Name = "Renamed" }, changed);
    }

    [Fact]
    public void ChangingToATypeWithoutValueDropsTheOldValue()
    {
        var changed = new CampaignChanges(Type: CampaignType.FreeShipping).ApplyTo(CampaignDesignRulesTests.Valid());
        Assert.Equal((CampaignType.FreeShipping, (decimal?)null), (changed.Type, changed.Value));
        Assert.Empty(CampaignDesignRules.Validate(changed));
    }
}
