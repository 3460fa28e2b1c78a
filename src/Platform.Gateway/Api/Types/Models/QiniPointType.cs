using GraphQL.Types;
using Platform.Domain.Modeling;

namespace Platform.Gateway.Api.Types.Models;

public sealed class QiniPointType : ObjectGraphType<QiniPoint>
{
    public QiniPointType()
    {
        Name = "QiniPoint";
        Description = "A point of a Qini curve on the held-out users.";
        Field(p => p.Share).Description("The share of held-out users targeted, highest scores first (0 to 1).");
        Field(p => p.Gain).Description("The incremental conversions found among them (Q(k)), per held-out user.");
    }
}
