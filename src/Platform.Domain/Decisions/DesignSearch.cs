using System.Globalization;
using System.Text.Json.Serialization;
using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Domain.Errors;

namespace Platform.Domain.Decisions;

/// <summary>The limits a searched design must meet; each left out is no limit.</summary>
public sealed record OptimizationConstraints(double? MinRoi = null, decimal? MaxCost = null, long? MinReach = null);

/// <summary>What reaching one user costs on a channel the search tries (a text costs more than an e-mail).</summary>
public sealed record ChannelCost(Channel Channel, decimal CostPerContact);

/// <summary>One design of a search with the users it goes to.</summary>
public sealed record DesignCandidate(CampaignDesign Design, DesignTargeting Targeting)
{
    [JsonIgnore]
    public double DurationDays => Design.Duration.TotalDays;

    public string Describe()
    {
        var value = Design.Value is { } v ? string.Create(CultureInfo.InvariantCulture, $" {v}") : "";
        var channel = Design.Channel is { } c ? $" by {WireNames.ToWire(c)}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{WireNames.ToWire(Design.Type)}{value}{channel} for {DurationDays:0.#} days {Targeting.Describe()}");
    }
}

/// <summary>
/// What the optimizer searches (docs/forecasts.md#optimizer): a base design whose every field not searched is kept, the
/// types, values, channels, durations and targetings to try (each left out: the base's own), the audience, the budget,
/// the constraints, and what a contact costs on each channel (a channel not listed: the base's costPerContact). The
/// candidates are every combination; a value a type cannot take is skipped for that type.
/// </summary>
public sealed record DesignSearch(
    CampaignDesign Base,
    Audience? Audience = null,
    decimal? Budget = null,
    IReadOnlyList<CampaignType>? Types = null,
    IReadOnlyList<decimal>? Values = null,
    IReadOnlyList<Channel>? Channels = null,
    IReadOnlyList<int>? DurationsDays = null,
    IReadOnlyList<DesignTargeting>? Targetings = null,
    OptimizationConstraints? Constraints = null,
    IReadOnlyList<ChannelCost>? ContactCosts = null)
{
    public const int MaxDesigns = 200;
    public const int MaxCandidates = 500;
    public const int MaxListLength = 20;

    public Audience AudienceOrBase => Audience ?? Base.AudienceOrAll;

    public decimal? BudgetOrBase => Budget ?? Base.Budget;

    public OptimizationConstraints ConstraintsOrNone => Constraints ?? new OptimizationConstraints();

    public IReadOnlyList<DesignTargeting> TargetingsOrAll => Targetings is { Count: > 0 } given ? given.Distinct().ToList() : [DesignTargeting.Everyone];

    /// <summary>The designs to forecast, in search order, without duplicates (targetings apart).</summary>
    public IReadOnlyList<CampaignDesign> Designs()
    {
        var durations = DurationsDays is { Count: > 0 } days ? days.Distinct().Select(d => TimeSpan.FromDays(d)).ToList() : [Base.Duration];
        var designs = new List<CampaignDesign>();
        foreach (var type in Types is { Count: > 0 } types ? types.Distinct() : [Base.Type])
        {
            var values = TakesValue(type) ? (Values is { Count: > 0 } given ? given.Distinct().Select(v => (decimal?)v) : [Base.Value]) : [null];
            foreach (var value in values)
            {
                foreach (var channel in Channels is { Count: > 0 } channels ? channels.Distinct().Select(c => (Channel?)c) : [Base.Channel])
                {
                    foreach (var duration in durations)
                    {
                        var design = Base with { Type = type, Value = value, Channel = channel, EndsAt = Base.StartsAt + duration, CostPerContact = ContactCostOn(channel) };
                        // The base is valid, so a broken rule is the searched fields' (a value a type cannot take, a BUNDLE without items).
                        if (CampaignDesignRules.Validate(design).Count == 0)
                        {
                            designs.Add(design);
                        }
                    }
                }
            }
        }

        return designs;
    }

    /// <summary>What a contact costs on the channel: as listed in <see cref="ContactCosts"/>, else the base's.</summary>
    public decimal ContactCostOn(Channel? channel) => ContactCosts?.FirstOrDefault(c => c.Channel == channel)?.CostPerContact ?? Base.CostPerContact;

    /// <summary>Every design with every targeting.</summary>
    public IReadOnlyList<DesignCandidate> Candidates() =>
        Designs().SelectMany(d => TargetingsOrAll.Select(t => new DesignCandidate(d, t))).ToList();

    /// <summary>Every broken rule, with its field under the input (design.value, constraints.maxCost, durationsDays).</summary>
    public IReadOnlyList<Violation> Validate()
    {
        var violations = CampaignDesignRules.Validate(Base).Select(v => v with { Field = $"design.{v.Field}", Message = $"design.{v.Message}" }).ToList();
        void Break(string field, string rule, string message) => violations.Add(new Violation(field, rule, $"{field} {message}"));
        if (Audience is not null)
        {
            violations.AddRange(AudienceRules.Validate(Audience));
        }

        if (AudienceOrBase.Uplift is not null)
        {
            Break(Audience is null ? "design.audience.uplift" : "audience.uplift", "not_applicable", "cannot be searched: the search picks by uplift itself (targetings); give the audience to search within.");
        }

        if (Budget is <= 0)
        {
            Break("budget", "out_of_range", "must be more than 0 (leave it out for no budget).");
        }

        foreach (var (name, count) in new[] { ("types", Types?.Count), ("values", Values?.Count), ("channels", Channels?.Count), ("durationsDays", DurationsDays?.Count), ("targetings", Targetings?.Count), ("contactCosts", ContactCosts?.Count) })
        {
            if (count > MaxListLength)
            {
                Break(name, "too_many", $"may hold at most {MaxListLength} entries.");
            }
        }

        if (Values?.Any(v => v <= 0) == true)
        {
            Break("values", "positive", "must all be more than 0.");
        }

        if (DurationsDays?.Any(d => d is < 1 or > CampaignDesignRules.MaxDurationDays) == true)
        {
            Break("durationsDays", "out_of_range", $"must all be between 1 and {CampaignDesignRules.MaxDurationDays}.");
        }

        foreach (var (targeting, i) in (Targetings ?? []).Select((t, i) => (t, i)))
        {
            if (DesignTargeting.IsTop(targeting.Kind) ? targeting.Percent is not (> 0 and <= 100) : targeting.Percent is not null)
            {
                Break($"targetings.{i}.percent", "percent_range", "must be in (0, 100] for TOP_PERCENT and TOP_UPLIFT_PERCENT, and left out otherwise.");
            }
        }

        var constraints = ConstraintsOrNone;
        if (constraints.MinRoi is { } roi && !double.IsFinite(roi))
        {
            Break("constraints.minRoi", "finite", "must be a finite number.");
        }

        if (constraints.MaxCost is <= 0)
        {
            Break("constraints.maxCost", "out_of_range", "must be more than 0.");
        }

        if (constraints.MinReach is < 1)
        {
            Break("constraints.minReach", "out_of_range", "must be 1 or more.");
        }

        ValidateContactCosts(Break);

        var combinations = (long)(Types?.Count ?? 1) * (Values?.Count ?? 1) * (Channels?.Count ?? 1) * (DurationsDays?.Count ?? 1);
        if (violations.Count == 0 && combinations > 10 * MaxDesigns)
        {
            Break("types", "too_many_candidates", $"with the values, channels and durations make up to {combinations} designs; at most {MaxDesigns}.");
        }
        else if (violations.Count == 0)
        {
            var designs = Designs().Count;
            if (designs == 0)
            {
                Break("values", "no_design", "fit none of the types (or a BUNDLE lacks its items): no design is left to search.");
            }
            else if (designs > MaxDesigns || designs * TargetingsOrAll.Count > MaxCandidates)
            {
                Break("types", "too_many_candidates", $"with the values, channels, durations and targetings make {designs} designs and {designs * TargetingsOrAll.Count} candidates; at most {MaxDesigns} and {MaxCandidates}.");
            }
        }

        return violations;
    }

    private void ValidateContactCosts(Action<string, string, string> broke)
    {
        var tried = Channels is { Count: > 0 } channels ? channels.Select(c => (Channel?)c).ToHashSet() : [Base.Channel];
        foreach (var (cost, i) in (ContactCosts ?? []).Select((c, i) => (c, i)))
        {
            if (cost.CostPerContact is < 0 or > CampaignDesignRules.MaxCostPerContact)
            {
                broke($"contactCosts.{i}.costPerContact", "out_of_range", $"must be between 0 and {CampaignDesignRules.MaxCostPerContact:0} (what reaching one user costs).");
            }

            if (!tried.Contains(cost.Channel))
            {
                broke($"contactCosts.{i}.channel", "not_used", $"names {WireNames.ToWire(cost.Channel)}, which the search does not try (channels, else the design's).");
            }
        }

        if (ContactCosts is { } costs && costs.Select(c => c.Channel).Distinct().Count() != costs.Count)
        {
            broke("contactCosts", "duplicate", "names each channel once.");
        }
    }

    private static bool TakesValue(CampaignType type) => type is not (CampaignType.FreeShipping or CampaignType.MessageOnly);
}
