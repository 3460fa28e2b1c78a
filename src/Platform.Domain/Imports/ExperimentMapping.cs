namespace Platform.Domain.Imports;

/// <summary>
/// How the columns of a past-experiment file map to customers, arms and outcomes. Without <see cref="UserIdColumn"/>
/// (public experiments often have none) a customer's id is made from the experiment's name and the row's line
/// (<see cref="CustomerIdOnLine"/>). A file without revenue may give <see cref="ConversionValue"/>: each customer's
/// revenue is then their conversions times that value, so models learn order values and forecasts are in money.
/// </summary>
public sealed record ExperimentMapping(
    string Name,
    string? UserIdColumn,
    string AssignmentColumn,
    IReadOnlyList<string> ControlValues,
    IReadOnlyList<ArmDesign> Arms,
    string? ConversionColumn = null,
    string? RevenueColumn = null,
    string? ParticipationColumn = null,
    int WindowDays = 30,
    DateTimeOffset? AssignedAt = null,
    IReadOnlyList<string>? FeatureColumns = null,
    IReadOnlyList<string>? CovariateColumns = null,
    decimal? ConversionValue = null)
{
    public const int MaxArms = 20;

    /// <summary>The largest <see cref="ConversionValue"/>: a conversion's revenue, not a campaign's.</summary>
    public const decimal MaxConversionValue = 1_000_000m;

    /// <summary>At most this many pre-period covariate columns (docs/measurement.md).</summary>
    public const int MaxCovariates = 8;

    /// <summary>The largest covariate value kept: sums of products over millions of rows stay finite.</summary>
    public const double MaxCovariateMagnitude = 1e12;

    /// <summary>The columns the mapping names for the id, the assignment and the outcomes (never features).</summary>
    public IReadOnlyList<string> MappedColumns => new[] { UserIdColumn, AssignmentColumn, ConversionColumn, RevenueColumn, ParticipationColumn }.OfType<string>().ToList();

    /// <summary>The side each assignment value puts a customer on (control values first, as the rules keep them apart).</summary>
    public IReadOnlyDictionary<string, ExperimentArm> ArmsByValue()
    {
        var sides = new Dictionary<string, ExperimentArm>(StringComparer.Ordinal);
        foreach (var value in ControlValues)
        {
            sides.TryAdd(value, ExperimentArm.Control);
        }

        for (var index = 0; index < Arms.Count; index++)
        {
            sides.TryAdd(Arms[index].AssignmentValue, new ExperimentArm(index));
        }

        return sides;
    }

    /// <summary>The id of the customer on a line of a file without an id column: "hillstrom-2" for the first row after the header.</summary>
    public string CustomerIdOnLine(long line) => $"{Slug(Name)}-{line}";

    /// <summary>Campaign ids are derived from the experiment and arm names, so a second import updates the same campaigns.</summary>
    public string CampaignId(ArmDesign arm) => $"{Slug(Name)}-{Slug(arm.Name)}";

    /// <summary>Lowercase ASCII letters and digits, every other run of characters one '-', none at the ends, at most 40 characters.</summary>
    public static string Slug(string text)
    {
        var slug = new string(text.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        slug = slug.Trim('-');
        return slug.Length == 0 ? "experiment" : slug[..Math.Min(40, slug.Length)];
    }
}
