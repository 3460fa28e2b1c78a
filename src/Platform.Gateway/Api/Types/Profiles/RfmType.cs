using GraphQL.Types;
using Platform.Domain.Profiles;

namespace Platform.Gateway.Api.Types.Profiles;

public sealed class RfmType : ObjectGraphType<Rfm>
{
    public RfmType()
    {
        Name = "Rfm";
        Description = "Recency, frequency and monetary value (docs/profiles.md has the thresholds).";
        Field(r => r.RecencyDays, nullable: true).Description("Whole UTC days since the day of the last purchase; null without purchases.");
        Field(r => r.Frequency90).Description("Purchases in the last 90 days.");
        Field(r => r.Monetary90).Description("Purchase amount in the last 90 days.");
        Field(r => r.R).Description("Recency score 1-5 (0 without purchases).");
        Field(r => r.F).Description("Frequency score 1-5 (0 without purchases in 90 days).");
        Field(r => r.M).Description("Monetary score 1-5 (0 without purchases in 90 days).");
        Field(r => r.Segment).Description("RFM segment: champions, loyal, potential_loyalists, new_customers, promising, need_attention, at_risk, hibernating, cannot_lose_them, lost or never_purchased.");
    }
}
