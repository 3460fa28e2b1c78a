using Platform.Domain.Events;
using Platform.Domain.Modeling.UserScores;
using Platform.Domain.Profiles;

namespace Platform.Simulation;

/// <summary>
/// The simulated shop's users as user-score training rows: what a tenant that sent the users' events and attributes would
/// train on, with the window ending at the simulation's clock. Used by the model tests.
/// </summary>
public static class SimulatedUserScoreData
{
    public static IReadOnlyList<UserScoreRow> Rows(SimulatedWorld world, int users)
    {
        var catalog = world.Items.ToDictionary(i => i.Id, i => new ItemFacts(i.Id, i.CategoryPath[^1], i.Brand, i.Price), StringComparer.Ordinal);
        var window = UserScoreWindow.EndingAt(world.Options.Clock);
        return Enumerable.Range(0, users).AsParallel().AsOrdered().Select(world.Story).Select(story =>
        {
            var events = story.Events.Select(e => EventValidator.Validate(e, world.Options.Clock, TimeSpan.FromDays(3650)).Event).OfType<BehaviorEvent>().ToList();
            return window.Rows(story.User.Id, events, SimulatedUpliftData.Attributes(story.User), id => catalog.GetValueOrDefault(id), ProfileSettings.Default);
        }).SelectMany(rows => rows).ToList();
    }
}
