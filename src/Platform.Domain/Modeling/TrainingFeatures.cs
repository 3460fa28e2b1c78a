using System.Globalization;
using Platform.Domain.Users;

namespace Platform.Domain.Modeling;

/// <summary>
/// The features of a training row (and of a user being scored), from every source the tenant has, first source winning
/// a name: what was stored with the assignment, the profile at that moment, then the merchant's attributes and tags
/// (docs/models.md#features). Attributes are as stored now — the merchant's facts about a user, taken as stable. Tags
/// with a ':' are labels the platform or the merchant namespaced (experiment:…, spring-sale:control) and never features:
/// an experiment's arm tag would give the assignment away.
/// </summary>
public static class TrainingFeatures
{
    public static IReadOnlyDictionary<string, FeatureValue> Merge(
        IReadOnlyDictionary<string, FeatureValue>? stored, IReadOnlyDictionary<string, double>? profile, UserAttributes? attributes)
    {
        // Sized once: training merges this for every row it reads.
        var features = new Dictionary<string, FeatureValue>((stored?.Count ?? 0) + (profile?.Count ?? 0) + RoomFor(attributes), StringComparer.Ordinal);
        if (stored is not null)
        {
            foreach (var (name, value) in stored)
            {
                features.Add(name, value);
            }
        }

        if (profile is not null)
        {
            foreach (var (name, value) in profile)
            {
                features.TryAdd(name, FeatureValue.Of(value));
            }
        }

        if (attributes is not null)
        {
            AddAttributes(features, attributes);
        }

        return features;
    }

    /// <summary>At most how many features <see cref="AddAttributes"/> adds for these attributes.</summary>
    public static int RoomFor(UserAttributes? attributes)
    {
        if (attributes is null)
        {
            return 0;
        }

        var room = 5 + attributes.Attributes.Count;
        foreach (var tag in attributes.Tags)
        {
            room += IsFeature(tag) ? 1 : 0;
        }

        return room;
    }

    /// <summary>The attributes' and tags' features, where <paramref name="features"/> does not have the name already.</summary>
    public static void AddAttributes(Dictionary<string, FeatureValue> features, UserAttributes attributes)
    {
        void Add(string name, FeatureValue value)
        {
            if (value.Number is not null || value.Text is not null)
            {
                features.TryAdd(name, value);
            }
        }

        Add("age", attributes.Age is { } age ? FeatureValue.Of(age) : default);
        Add("gender", attributes.Gender is { } gender ? FeatureValue.Of(gender) : default);
        Add("region", attributes.Region is { } region ? FeatureValue.Of(region) : default);
        Add("occupation", attributes.Occupation is { } occupation ? FeatureValue.Of(occupation) : default);
        Add("signup_year", attributes.SignupDate is { } signup ? FeatureValue.Of(signup.Year) : default);
        foreach (var custom in attributes.Attributes)
        {
            Add(custom.Name, custom.Number is { } number ? FeatureValue.Of(number) : custom.Text is { } text ? FeatureValue.Of(text) : default);
        }

        foreach (var tag in attributes.Tags)
        {
            if (IsFeature(tag))
            {
                features.TryAdd(FeatureSchema.TagPrefix + tag, FeatureValue.Of(1));
            }
        }
    }

    private static bool IsFeature(string tag) => !tag.Contains(':', StringComparison.Ordinal);

    /// <summary>Features stored as JSON numbers and strings (an outcome row's "features").</summary>
    public static IReadOnlyDictionary<string, FeatureValue> FromJson(IEnumerable<KeyValuePair<string, System.Text.Json.JsonElement>> json) =>
        json.Where(p => p.Value.ValueKind is System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.String)
            .ToDictionary(
                p => p.Key,
                p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Number ? FeatureValue.Of(p.Value.GetDouble()) : FeatureValue.Of(p.Value.GetString()!),
                StringComparer.Ordinal);

    /// <summary>Whether stored features already hold the profile's (a live assignment stores them; an import does not).</summary>
    public static bool HasProfile(IReadOnlyDictionary<string, FeatureValue> stored) => stored.ContainsKey("purchases") && stored.ContainsKey("recency_days");

    public static string Describe(FeatureValue value) =>
        value.Text ?? value.Number?.ToString(CultureInfo.InvariantCulture) ?? "missing";
}
