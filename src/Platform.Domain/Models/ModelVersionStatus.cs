namespace Platform.Domain.Models;

/// <summary>
/// A version's place in the registry: CANDIDATE (trained, not serving), ACTIVE (serving; one per tenant and task) or
/// RETIRED (served once, replaced). Stored by name: never rename.
/// </summary>
public enum ModelVersionStatus
{
    Candidate,
    Active,
    Retired,
}
