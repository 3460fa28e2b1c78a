using Platform.Domain.Events;

namespace Platform.Simulation;

/// <summary>One simulated user's whole history: behaviour events in time order and past-campaign outcomes.</summary>
public sealed record UserStory(SimulatedUser User, IReadOnlyList<EventDraft> Events, IReadOnlyList<ExperimentOutcome> Outcomes);
