using System.Text.Json;
using Platform.Domain.Campaigns;
using Platform.Domain.Webhooks;
using Platform.Grains.Campaigns;

namespace Platform.Grains.Tests;

public sealed class WebhookPayloadTests
{
    [Fact]
    public void ADeliveredBodyNamesEveryKpiEvenWhenItIsNull()
    {
        var kpis = CampaignKpis.From(new ArmTotals(0), new ArmTotals(0), budget: null);
        var update = new CampaignKpiUpdate("cmp-1", CampaignStatus.Running, DateTimeOffset.UnixEpoch, kpis);

        using var body = JsonDocument.Parse(WebhookDispatcher.Payload("shop", WebhookEvent.CampaignKpis, update));

        var sent = body.RootElement.GetProperty("kpis").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Subset(sent, typeof(CampaignKpis).GetProperties().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("kpis").GetProperty("satisfaction").ValueKind);
    }
}
