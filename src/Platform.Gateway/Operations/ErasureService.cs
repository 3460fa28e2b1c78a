using Platform.Abstractions;
using Platform.Abstractions.Profiles;
using Platform.Gateway.Auth;
using Platform.Gateway.Api.Execution;
using Platform.Storage.Events;
using Platform.Storage.Users;

namespace Platform.Gateway.Operations;

/// <summary>
/// forgetUser: erases a user everywhere and keeps only an erasure record. The order matters: the log
/// offset is read first, the stored data up to it deleted, then the grain reset (it re-folds only events
/// logged later), and last the projection row removed as the record is written. Calling it again completes
/// an erasure a crash interrupted, and again for an id erased before; an id the tenant never had is NOT_FOUND.
/// </summary>
public sealed class ErasureService(EventLog log, ErasureStore store, IGrainFactory grains, ILogger<ErasureService> logger)
{
    public async Task<ErasureRecord> ForgetAsync(Caller caller, string userId, CancellationToken cancellationToken)
    {
        ApiError.RequireId("id", userId);
        return await EraseAsync(caller, userId, await log.HeadAsync(caller.TenantId!, cancellationToken), importRejections: true, cancellationToken);
    }

    /// <summary>
    /// An alias's erasure of the anonymous id it merged (docs/trackers.md#alias): up to the last event the alias read,
    /// and without the import rejections quoting the id (a short anonymous id would match unrelated rejections; anonymous
    /// visitors do not come through CSV imports).
    /// </summary>
    public Task<ErasureRecord> ForgetMergedAsync(Caller caller, string userId, long throughSeq, CancellationToken cancellationToken) =>
        EraseAsync(caller, userId, throughSeq, importRejections: false, cancellationToken);

    private async Task<ErasureRecord> EraseAsync(Caller caller, string userId, long throughSeq, bool importRejections, CancellationToken cancellationToken)
    {
        var tenantId = caller.TenantId!;
        if (!await store.KnowsAsync(tenantId, userId, cancellationToken))
        {
            throw ApiError.NotFound("user", userId);
        }

        var erased = await store.EraseDataAsync(tenantId, userId, throughSeq, importRejections, cancellationToken);
        await grains.GetGrain<IUserGrain>(GrainKeys.User(tenantId, userId)).ForgetAsync(throughSeq);
        var record = await store.RecordAsync(tenantId, userId, caller.KeyId?.ToString(), cancellationToken);
        logger.LogInformation("User {UserHash} of {TenantId} erased by key {KeyId}: {Events} events, {Outcomes} outcome rows", record.UserHash, tenantId, caller.KeyId, erased.Events, erased.Outcomes);
        return record;
    }
}
