namespace Platform.Domain.Modeling;

/// <summary>
/// Learns a <see cref="FeatureSchema"/> in one pass over training rows, in bounded memory: moments per numeric key, a
/// reservoir of values for its deciles, counts per text value. A key is numeric when nearly all its values are numbers;
/// a skewed non-negative one is log-transformed; a constant one is dropped; one with at most <see cref="MaxLevels"/>
/// distinct values, not log-transformed (a code rather than a count), also gets a slot per value seen
/// <see cref="MinValueCount"/> times when that makes three or more, unless it is one of the profile's counts and amounts
/// (<see cref="Campaigns.EnrollmentFeatures.Names"/>); text values seen fewer than
/// <see cref="MinValueCount"/> times share the unknown slot; tag flags are kept for the most common
/// <see cref="MaxTags"/> tags that neither almost everyone nor almost no one has.
/// </summary>
public sealed class FeatureStatistics(int seed = 1)
{
    public const int MaxNumeric = 200;
    public const int MaxCategorical = 50;
    public const int MaxValuesPerCategory = 30;
    public const int MaxTags = 30;
    public const int MinValueCount = 5;
    public const int MaxLevels = 12;
    private const int Reservoir = 4_096;
    private const int MaxTrackedTexts = 1_000;

    private readonly Dictionary<string, KeyStatistics> keys = new(StringComparer.Ordinal);
    private readonly Random random = new(seed);
    private long rows;

    public void Add(IReadOnlyDictionary<string, FeatureValue> features)
    {
        rows++;
        foreach (var (name, value) in features)
        {
            if (name.StartsWith(FeatureSchema.AffinityPrefix, StringComparison.Ordinal) || (value.Number is null && value.Text is null))
            {
                continue;
            }

            if (!keys.TryGetValue(name, out var statistics))
            {
                statistics = keys[name] = new KeyStatistics();
            }

            statistics.Add(value, random);
        }
    }

    public FeatureSchema Build()
    {
        var numeric = new List<NumericFeature>();
        var categorical = new List<CategoricalFeature>();
        var tags = 0;
        foreach (var (name, s) in keys.OrderByDescending(k => k.Value.Present).ThenBy(k => k.Key, StringComparer.Ordinal))
        {
            if (name.StartsWith(FeatureSchema.TagPrefix, StringComparison.Ordinal))
            {
                var share = s.Present / (double)rows;
                if (tags < MaxTags && share is > 0.005 and < 0.995)
                {
                    numeric.Add(new NumericFeature(name, Log: false, share, Math.Sqrt(share * (1 - share)), HasMissing: false, Bins: [], Flag: true, Shares: [1 - share, share]));
                    tags++;
                }
            }
            else if (s.Numbers >= 0.95 * s.Present)
            {
                if (numeric.Count < MaxNumeric && s.Numeric(name, s.Present < rows, rows, levels: !Campaigns.EnrollmentFeatures.Names.Contains(name)) is { } feature)
                {
                    numeric.Add(feature);
                }
            }
            else if (categorical.Count < MaxCategorical)
            {
                var values = s.Texts.Where(t => t.Value >= MinValueCount).OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
                    .Take(MaxValuesPerCategory).Select(t => t.Key).ToList();
                if (values.Count >= 2 || (values.Count == 1 && s.Texts.Count > 1))
                {
                    var known = values.Select(v => s.Texts[v] / (double)rows).ToList();
                    categorical.Add(new CategoricalFeature(name, values, [.. known, Math.Max(0, (s.Present / (double)rows) - known.Sum()), 1 - (s.Present / (double)rows)]));
                }
            }
        }

        return new FeatureSchema(numeric, categorical);
    }

    private sealed class KeyStatistics
    {
        private readonly List<double> sample = [];
        private readonly Dictionary<double, long> levels = [];
        private bool manyLevels;
        private double sum, squares, cubes, logSum, logSquares, min = double.MaxValue;

        public long Present { get; private set; }

        public long Numbers { get; private set; }

        public Dictionary<string, long> Texts { get; } = new(StringComparer.Ordinal);

        public void Add(FeatureValue value, Random random)
        {
            Present++;
            if (value.Number is { } number && double.IsFinite(number))
            {
                Numbers++;
                sum += number;
                squares += number * number;
                cubes += number * number * number;
                var log = Math.Sign(number) * Math.Log(1 + Math.Abs(number));
                logSum += log;
                logSquares += log * log;
                min = Math.Min(min, number);
                CountLevel(number);
                if (sample.Count < Reservoir)
                {
                    sample.Add(number);
                }
                else if (random.NextInt64(Numbers) < Reservoir)
                {
                    sample[random.Next(Reservoir)] = number;
                }
            }

            if (FeatureSchema.Text(value) is { } text && (Texts.Count < MaxTrackedTexts || Texts.ContainsKey(text)))
            {
                Texts[text] = Texts.GetValueOrDefault(text) + 1;
            }
        }

        public NumericFeature? Numeric(string name, bool hasMissing, long rows, bool levels)
        {
            var n = (double)Numbers;
            var mean = sum / n;
            var variance = Math.Max(0, (squares / n) - (mean * mean));
            if (n < 2 || variance < 1e-12)
            {
                return null;
            }

            var skew = ((cubes / n) - (3 * mean * variance) - (mean * mean * mean)) / Math.Pow(variance, 1.5);
            var log = min >= 0 && skew > 2;
            var (m, v) = log ? (logSum / n, Math.Max(1e-12, (logSquares / n) - ((logSum / n) * (logSum / n)))) : (mean, variance);
            sample.Sort();
            var bins = Enumerable.Range(1, 9).Select(d => sample[(int)Math.Min(sample.Count - 1, d * sample.Count / 10.0)]).Distinct().ToList();
            var feature = new NumericFeature(name, log, m, Math.Sqrt(v), hasMissing, bins);
            var present = Numbers / (double)rows;
            var shares = new double[FeatureSlots.Count(feature)];
            foreach (var x in sample)
            {
                shares[FeatureSlots.Of(feature, FeatureValue.Of(x))] += present / sample.Count;
            }

            shares[^1] = 1 - present;
            return feature with { Shares = shares, Levels = levels && !log ? Levels() : null };
        }

        private void CountLevel(double number)
        {
            if (manyLevels)
            {
                return;
            }

            levels[number] = levels.GetValueOrDefault(number) + 1;
            if (levels.Count > MaxLevels)
            {
                manyLevels = true;
                levels.Clear();
            }
        }

        // Two values are one slope already: levels add something from three on.
        private List<double>? Levels()
        {
            var kept = levels.Where(l => l.Value >= MinValueCount).Select(l => l.Key).Order().ToList();
            return kept.Count >= 3 ? kept : null;
        }
    }
}
