namespace Platform.Domain.Decisions;

/// <summary>What a ranking of offers maximises (docs/recommendations.md#objectives).</summary>
public enum Objective
{
    /// <summary>Incremental revenue × the tenant's margin rate − the expected discount cost − the design's cost per contact.</summary>
    IncrementalMargin,

    /// <summary>Expected revenue with the offer − without it.</summary>
    IncrementalRevenue,

    /// <summary>Chance to buy with the offer − without it.</summary>
    IncrementalConversions,

    /// <summary>Chance to take part (click, claim) if offered.</summary>
    Participation,
}
