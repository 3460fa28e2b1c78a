using Platform.Abstractions;
using Platform.Abstractions.Profiles;
using Platform.Gateway.Auth;
using Platform.Gateway.GraphQL.Execution;
using Platform.Storage.Events;
using Platform.Storage.Shoppers;

namespace Platform.Gateway.Operations;

/// <summary>
/// forgetUser: erases a shopper everywhere and keeps only an erasure record. The order matters: the log
/// offset is read first, the stored data up to it deleted, then the grain reset (it re-folds only events
/// logged later), and last the projection row removed as the record is written. Calling it again completes
/// an erasure a crash interrupted.
/// </summary>
public sealed class ShopperErasure(EventLog log, ErasureStore store, IGrainFactory grains, ILogger<ShopperErasure> logger)
{
    public async Task<ErasureRecord> ForgetAsync(Caller caller, string userId, CancellationToken cancellationToken)
    {
        var tenantId = caller.TenantId!;
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new InputError("id", "must not be empty");
        }

        var throughSeq = await log.HeadAsync(tenantId, cancellationToken);
        var erased = await store.EraseDataAsync(tenantId, userId, throughSeq, cancellationToken);
        await grains.GetGrain<IUserGrain>(GrainKeys.User(tenantId, userId)).ForgetAsync(throughSeq);
        var record = await store.RecordAsync(tenantId, userId, caller.KeyId?.ToString(), erased, cancellationToken);
        logger.LogInformation("Shopper {UserHash} of {TenantId} erased by key {KeyId}: {Events} events, {Outcomes} outcome rows", record.UserHash, tenantId, caller.KeyId, erased.Events, erased.Outcomes);
        return record;
    }
}
