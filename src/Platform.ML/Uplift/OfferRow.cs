using Platform.Domain.Campaigns;
using Platform.Domain.Modeling;

namespace Platform.ML.Uplift;

/// <summary>
/// One row to score: a user's encoded vector (<see cref="FeatureSchema.Encode(IReadOnlyDictionary{string, FeatureValue})"/>), the design
/// offered and, when it is a saved campaign, its id; <see cref="Features"/> are the user's, for the match between the
/// design's categories and the user's affinities.
/// </summary>
public sealed record OfferRow(float[] User, CampaignDesign Design, string? CampaignId, IReadOnlyDictionary<string, FeatureValue> Features);
