using System.Text.Json.Serialization;
using Platform.Domain.Decisions;

namespace Platform.Domain.Audiences;

/// <summary>
/// An audience chosen by the ACTIVE uplift model (docs/audiences.md#uplift-audiences): the users of <see cref="Among"/>
/// (default everyone) whose expected incremental margin under a design is above 0, or the top <see cref="Percent"/>%
/// by it or by predicted conversion uplift (<see cref="DesignTargeting.RankedBy"/>). The design is the saved campaign
/// <see cref="CampaignId"/>, else the design the audience is given with.
/// </summary>
public sealed record UpliftSelection(TargetingKind Keep, double? Percent = null, string? CampaignId = null, Audience? Among = null)
{
    [JsonIgnore]
    public DesignTargeting Targeting => new(Keep, Percent);
}
