using Platform.Domain.Campaigns;

namespace Platform.Simulation;

/// <summary>
/// A simulated user: what the merchant knows (attributes) and what only the simulator knows (the latent
/// traits that drive behaviour and campaign response).
/// </summary>
public sealed record SimulatedUser(
    int Index,
    string Id,
    int Age,
    string Gender,
    string Region,
    string Occupation,
    DateOnly SignupDate,
    double SessionsPerMonth,
    IReadOnlyList<double> CategoryWeights,
    IReadOnlyList<int> FavouriteBrand,
    double BrandLoyalty,
    double PriceSensitivity,
    double BuyPropensity,
    IReadOnlyDictionary<Channel, double> ChannelAffinity,
    int? ChurnedDaysAgo);
