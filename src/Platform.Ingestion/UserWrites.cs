using Platform.Domain.Catalog;
using Platform.Domain.Errors;
using Platform.Domain.Users;
using Platform.Storage.Catalog;
using Platform.Storage.Users;

namespace Platform.Ingestion;

/// <summary>Validated batch writes of user attributes and catalog items; used by the API and by imports.</summary>
public sealed class UserWrites(UserStore users, CatalogStore catalog)
{
    public async Task<UpsertOutcome> UpsertUsersAsync(
        string tenantId, IReadOnlyList<AttributeDefinition> schema, IReadOnlyList<UserDraft> drafts, TagMerge tags, CancellationToken cancellationToken)
    {
        var checkedDrafts = drafts.Select(d => UserValidator.Validate(d, schema)).ToList();
        var changed = await users.UpsertAsync(tenantId, checkedDrafts.Select(c => c.User).OfType<UserRecord>().ToList(), tags, cancellationToken);
        return Outcome(drafts.Select(d => d.UserId).ToList(), checkedDrafts.Select(c => c.Violations).ToList(), changed);
    }

    public async Task<UpsertOutcome> UpsertItemsAsync(string tenantId, IReadOnlyList<ItemDraft> drafts, CancellationToken cancellationToken)
    {
        var checkedDrafts = drafts.Select(ItemValidator.Validate).ToList();
        var changed = await catalog.UpsertAsync(tenantId, checkedDrafts.Select(c => c.Item).OfType<CatalogItem>().ToList(), cancellationToken);
        return Outcome(drafts.Select(d => d.ItemId).ToList(), checkedDrafts.Select(c => c.Violations).ToList(), changed);
    }

    /// <summary>An id given twice in a batch is stored once (its last entry); every valid entry of an id that changed counts as accepted.</summary>
    private static UpsertOutcome Outcome(IReadOnlyList<string?> ids, IReadOnlyList<IReadOnlyList<Violation>> violations, IReadOnlySet<string> changed) =>
        new(ids.Select((id, i) => new UpsertEntryResult(
            i,
            id,
            violations[i].Count > 0 ? UpsertStatus.Rejected : changed.Contains(id!) ? UpsertStatus.Accepted : UpsertStatus.Unchanged,
            violations[i])).ToList());
}
