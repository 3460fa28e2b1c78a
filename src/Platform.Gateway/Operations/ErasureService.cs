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
    /// <param name="throughSeq">Erase the events logged up to here (an alias: what it copied); default: all logged so far.</param>
    public async Task<ErasureRecord> ForgetAsync(Caller caller, string userId, CancellationToken cancellationToken, long? throughSeq = null)
    {
        var tenantId = caller.TenantId!;
        ApiError.RequireId("id", userId);
        if (!await store.KnowsAsync(tenantId, userId, cancellationToken))
        {
            throw ApiError.NotFound("user", userId);
        }

        throughSeq ??= await log.HeadAsync(tenantId, cancellationToken);
        var erased = await store.EraseDataAsync(tenantId, userId, throughSeq.Value, cancellationToken);
        await grains.GetGrain<IUserGrain>(GrainKeys.User(tenantId, userId)).ForgetAsync(throughSeq.Value);
        var record = await store.RecordAsync(tenantId, userId, caller.KeyId?.ToString(), cancellationToken);
        logger.LogInformation("User {UserHash} of {TenantId} erased by key {KeyId}: {Events} events, {Outcomes} outcome rows", record.UserHash, tenantId, caller.KeyId, erased.Events, erased.Outcomes);
        return record;
    }
}
