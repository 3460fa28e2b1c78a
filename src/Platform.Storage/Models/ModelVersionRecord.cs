using Platform.Domain.Models;

namespace Platform.Storage.Models;

/// <summary>
/// A model version in the registry, without its weights: the feature schema it reads, its metrics beside the baseline's
/// (JSON), how it was trained (data range and rows, hyperparameters, seed, device, duration: JSON), and why it is or is
/// not ACTIVE (<see cref="Promotion"/>), and its latest drift check (JSON, null before the first).
/// </summary>
public sealed record ModelVersionRecord(
    Guid Id,
    string TenantId,
    ModelTask Task,
    ModelVersionStatus Status,
    Guid RunId,
    string Checksum,
    string FeatureSchemaJson,
    string MetricsJson,
    string TrainingJson,
    string Promotion,
    string? DriftJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? RetiredAt);
