using Platform.Domain.Campaigns;

namespace Platform.Domain.Tests.Campaigns;

public sealed class CampaignChangesTests
{
    [Fact]
    public void FieldsLeftOutKeepTheirValue()
    {
        var design = CampaignDesignRulesTests.Valid() with { ThemeTags = ["snow"], FrequencyCapPerDay = 3, CostPerContact = 0.4m };
        var changed = new CampaignChanges(Budget: 7_500m, Name: "Renamed").ApplyTo(design);
        Assert.Equal(design with { Budget = 7_500m, Name = "Renamed" }, changed);
        Assert.Equal(0.05m, new CampaignChanges(CostPerContact: 0.05m).ApplyTo(design).CostPerContact);
    }

    [Fact]
    public void ChangingToATypeWithoutValueDropsTheOldValue()
    {
        var changed = new CampaignChanges(Type: CampaignType.FreeShipping).ApplyTo(CampaignDesignRulesTests.Valid());
        Assert.Equal((CampaignType.FreeShipping, (decimal?)null), (changed.Type, changed.Value));
        Assert.Empty(CampaignDesignRules.Validate(changed));
    }
}
