using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.ML.Uplift;

namespace Platform.Gateway.Operations;

/// <summary>What a forecast warns of: a design beyond what the model learned from (<see cref="DesignCoverage"/>), a model without order values.</summary>
public static class ForecastWarnings
{
    public static IReadOnlyList<string> Of(CampaignDesign design, UpliftModel model) =>
        model.Value.Learned ? DesignCoverage.Warnings(design, model.Designs) : [.. DesignCoverage.Warnings(design, model.Designs), OrderValueScale.NotLearnedWarning];
}
