using Platform.Domain.Modeling;
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
        var users = schema.Width == 0 ? [] : await currentFeatures.ActiveAsync(version.TenantId, now.AddDays(-WindowDays), now, settings, cancellationToken);
        var features = PopulationStability.Of(schema, users);
        var note = schema.Width == 0
            ? "The version reads no user features (ITEMS learns from item interactions): there is nothing to compare."
            : users.Count == 0
            ? $"No user was active in the last {WindowDays} days."
            : features.Count == 0 ? "The version was trained before drift checks existed: it has no training distribution to compare with." : null;
        var report = new DriftReport(now, WindowDays, users.Count, features, note);
        await registry.SetDriftAsync(version.TenantId, version.Id, ModelJson.Write(report), cancellationToken);
        return report;
    }
}
