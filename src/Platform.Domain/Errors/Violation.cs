namespace Platform.Domain.Errors;

/// <summary>One broken rule: which field, which rule (a stable code), and a sentence for people.</summary>
public sealed record Violation(string Field, string Rule, string Message);
