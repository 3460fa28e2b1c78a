using Platform.Domain.Audiences;
using Platform.Storage;
using Platform.Storage.Audiences;

namespace Platform.Gateway.Operations;

/// <summary>
/// Every user(id) lists the user's named segments, so each node keeps the tenant's segment rules in memory
/// for about <see cref="MaxAge"/>: a segment created on this node shows at once, one created on another once the
/// copy here is older than that (the reader that notices gets the old copy while it reloads).
/// </summary>
public sealed class SegmentCache(SegmentStore store, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly TenantCache<IReadOnlyList<Segment>> segments = new(store.ListAsync, MaxAge, clock);

    public Task<IReadOnlyList<Segment>> ListAsync(string tenantId) => segments.GetAsync(tenantId);

    public void Invalidate(string tenantId) => segments.Invalidate(tenantId);
}
