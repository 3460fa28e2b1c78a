using Platform.Domain.Modeling;
using Platform.Domain.Models;
using Platform.Domain.Profiles;
using Platform.Storage.Training;

namespace Platform.Storage.Models;

/// <summary>
/// Checks a version for drift (docs/models.md#drift): each input's population stability index between its training rows
/// and the users active in the last <see cref="WindowDays"/> days; stores the report on the version.
/// </summary>
public sealed class DriftCheck(CurrentUserFeatures currentFeatures, ModelRegistry registry, TimeProvider clock)
{
    public const int WindowDays = 7;

    public async Task<DriftReport> RunAsync(ModelVersionRecord version, ProfileSettings settings, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var schema = ModelJson.Read<FeatureSchema>(version.FeatureSchemaJson);
        // A USERS version trained on every user and scores every user: its population is every user, not the active ones.
        int? window = version.Task == ModelTask.Users ? null : WindowDays;
        var users = schema.Width == 0
            ? []
            : await currentFeatures.SampleAsync(version.TenantId, window is { } days ? now.AddDays(-days) : null, now, settings, cancellationToken);
        var features = PopulationStability.Of(schema, users);
        var unobserved = PopulationStability.Unobserved(schema, users);
        var note = schema.Width == 0
            ? "The version reads no user features (ITEMS learns from item interactions): there is nothing to compare."
            : users.Count == 0
            ? window is null ? "The tenant has no user with a profile." : $"No user was active in the last {WindowDays} days."
            : features.Count == 0 && unobserved.Count == 0 ? "The version was trained before drift checks existed: it has no training distribution to compare with."
            : unobserved.Count > 0 ? $"Left out: {string.Join(", ", unobserved.Take(10))}{(unobserved.Count > 10 ? ", …" : "")} — no current user has them (they come only with training rows, e.g. an imported experiment's columns)."
            : null;
        var report = new DriftReport(now, window, users.Count, features, note);
        await registry.SetDriftAsync(version.TenantId, version.Id, ModelJson.Write(report), cancellationToken);
        return report;
    }
}
