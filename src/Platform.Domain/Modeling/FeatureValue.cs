namespace Platform.Domain.Modeling;

/// <summary>One feature of a user as stored with an assignment or an attribute: a number, a text, or missing (both null).</summary>
public readonly record struct FeatureValue(double? Number, string? Text)
{
    public static FeatureValue Of(double number) => new(number, null);

    public static FeatureValue Of(string text) => new(null, text);
}
