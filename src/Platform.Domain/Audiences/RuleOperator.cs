namespace Platform.Domain.Audiences;

public enum RuleOperator
{
    Eq,
    Ne,
    Gt,
    Gte,
    Lt,
    Lte,

    /// <summary>The value is one of <see cref="AudienceRule.Values"/>; for list fields, any element is.</summary>
    In,

    /// <summary>A list field holds <see cref="AudienceRule.Value"/>.</summary>
    Contains,

    /// <summary>The field has a value.</summary>
    Exists,
}
