using Platform.Domain.Models;
using Platform.Storage.Models;

namespace Platform.Worker.Training;

/// <summary>
/// The tenant's ACTIVE version of a task scored on a new run's held-out data, so the promotion rule compares the two on
/// the same users. Weights that fail their checksum or no longer load give <c>unscorable</c> (NaN figures): the new version then wins.
/// </summary>
public sealed record Champion<TEvaluation>(Guid VersionId, TEvaluation Evaluation)
{
    public static async Task<Champion<TEvaluation>?> ScoreAsync<TModel>(
        ModelRegistry registry, string tenantId, ModelTask task, Func<byte[], TModel> load, Func<TModel, Task<TEvaluation>> evaluate, TEvaluation unscorable,
        ILogger logger, CancellationToken cancellationToken)
        where TModel : IDisposable
    {
        if (await registry.ActiveAsync(tenantId, task, cancellationToken) is not { } active)
        {
            return null;
        }

        try
        {
            using var model = load(await registry.WeightsAsync(tenantId, active.Id, cancellationToken));
            return new Champion<TEvaluation>(active.Id, await evaluate(model));
        }
        catch (Exception exception) when (exception is CorruptWeightsException or InvalidDataException)
        {
            logger.LogWarning(exception, "The ACTIVE {Task} version {VersionId} of {TenantId} could not be scored", task, active.Id, tenantId);
            return new Champion<TEvaluation>(active.Id, unscorable);
        }
    }
}
