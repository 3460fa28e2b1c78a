namespace Platform.Domain.Users;

/// <summary>The kind of a tenant's custom user attribute.</summary>
public enum AttributeKind
{
    /// <summary>A finite number (e.g. loyalty points, num_past_purchases).</summary>
    Numeric,

    /// <summary>One value from a declared list, or any short text when no list is declared (e.g. acquisition channel).</summary>
    Categorical,
}
