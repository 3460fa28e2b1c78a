namespace Platform.Domain.Imports;

public enum ImportKind
{
    Users,
    Items,
    Events,

    /// <summary>A past randomized experiment: one row per customer with features, an arm and outcomes.</summary>
    Experiment,
}
