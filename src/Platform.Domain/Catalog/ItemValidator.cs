using Platform.Domain.Errors;
using System.Text.RegularExpressions;
using Platform.Domain.Events;
using Platform.Domain.Users;

namespace Platform.Domain.Catalog;

/// <summary>Checks catalog items (docs/users.md lists the rules next to the user rules).</summary>
public static partial class ItemValidator
{
    public const int MaxTitleLength = 256;
    public const int MaxCategoryDepth = 6;
    public const int MaxNameLength = 64;

    public static (CatalogItem? Item, IReadOnlyList<Violation> Violations) Validate(ItemDraft draft)
    {
        var violations = new List<Violation>();
        if (Identifiers.Check("id", draft.ItemId) is { } badId)
        {
            violations.Add(badId);
        }

        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Length > MaxTitleLength)
        {
            violations.Add(new("title", string.IsNullOrWhiteSpace(draft.Title) ? "required" : "too_long", $"title is required, up to {MaxTitleLength} characters."));
        }
        else if (FreeText.HasNul(draft.Title))
        {
            violations.Add(new("title", "format", $"title {FreeText.NulMessage}."));
        }

        var path = draft.CategoryPath ?? [];
        if (path.Count > MaxCategoryDepth)
        {
            violations.Add(new("categoryPath", "too_deep", $"categoryPath has at most {MaxCategoryDepth} levels."));
        }

        if (path.Any(level => !NamePattern().IsMatch(level)))
        {
            violations.Add(new("categoryPath", "format", $"categoryPath: each category is 1-{MaxNameLength} printable characters."));
        }

        if (draft.Brand is { } brand && !NamePattern().IsMatch(brand))
        {
            violations.Add(new("brand", "format", $"brand is 1-{MaxNameLength} printable characters."));
        }

        if (draft.Price is < 0 or > EventRules.MaxAmount)
        {
            violations.Add(new("price", "out_of_range", $"price must be between 0 and {EventRules.MaxAmount:0}."));
        }

        // A currency without a price is still checked: it is stored (a CSV fuzz found one that the column could not hold).
        if ((draft.Price is not null && draft.Currency is null) || (draft.Currency is not null && !CurrencyPattern().IsMatch(draft.Currency)))
        {
            violations.Add(new("currency", "format", "currency must be a three-letter ISO 4217 code such as EUR when price is given."));
        }

        var tags = draft.Tags ?? [];
        if (tags.Any(t => !UserValidator.IsTag(t)))
        {
            violations.Add(new("tags", "format", "tags must be 1-64 lowercase letters, digits, '_', '-' or ':'."));
        }

        return violations.Count > 0
            ? (null, violations)
            : (new CatalogItem(draft.ItemId!, draft.Title!.Trim(), path, draft.Brand, draft.Price, draft.Currency, tags.Distinct().ToList()), violations);
    }

    [GeneratedRegex(@"^[^\p{C}]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();
}
