using Platform.Domain.Events;

namespace Platform.Simulation;

/// <summary>One simulated shopper's whole history: behaviour events in time order and past-campaign outcomes.</summary>
public sealed record ShopperStory(SimulatedShopper Shopper, IReadOnlyList<EventDraft> Events, IReadOnlyList<ExperimentOutcome> Outcomes);
