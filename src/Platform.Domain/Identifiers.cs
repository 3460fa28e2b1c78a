using Platform.Domain.Errors;

namespace Platform.Domain;

/// <summary>
/// The rule for every id a client gives (user, item, category, campaign and event ids, in events and in arguments):
/// 1-128 characters, no control characters (NUL included), no bidirectional formatting characters (an id shown in a
/// console or a log must read as it is: U+202E would show "abc‮fdp.exe" as "abcexe.pdf"), no unpaired surrogates, no
/// surrounding spaces.
/// </summary>
public static class Identifiers
{
    public const int MaxLength = 128;

    public static bool IsValid(string? value) => Check("id", value) is null;

    /// <summary>The rule the value breaks, or null; an absent value breaks "required" only when it is required.</summary>
    public static Violation? Check(string field, string? value, bool required = true)
    {
        if (string.IsNullOrEmpty(value))
        {
            return required ? new Violation(field, "required", $"{field} is required.") : null;
        }

        if (value.Length > MaxLength)
        {
            return new Violation(field, "too_long", $"{field} must be at most {MaxLength} characters.");
        }

        return HasForbiddenCharacters(value) || value.Trim().Length != value.Length
            ? new Violation(field, "format", $"{field} must not contain control or bidirectional formatting characters, unpaired surrogates or surrounding spaces.")
            : null;
    }

    // LRM, RLM, ALM and the embedding, override and isolate controls.
    private static bool IsBidiFormatting(char c) => c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    // One pass over an ordinary id (every event's ids go through here); the pairing of surrogates is read only when there are any.
    private static bool HasForbiddenCharacters(string value)
    {
        var surrogates = false;
        foreach (var c in value)
        {
            if (char.IsControl(c) || IsBidiFormatting(c))
            {
                return true;
            }

            surrogates |= char.IsSurrogate(c);
        }

        return surrogates && FreeText.HasUnpairedSurrogate(value);
    }
}
