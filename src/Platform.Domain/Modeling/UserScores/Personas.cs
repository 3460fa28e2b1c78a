using System.Globalization;

namespace Platform.Domain.Modeling.UserScores;

/// <summary>
/// Personas from the user-score network's representations (docs/models.md#personas): k-means for k from 2 to
/// <see cref="MaxK"/> on a sample of training users, k chosen by the highest silhouette, each persona described by the
/// encoded columns whose mean differs most from everyone's, in standard deviations.
/// </summary>
public static class Personas
{
    public const int MaxK = 6;
    public const int SilhouetteSample = 1_000;
    public const int TraitsPerPersona = 3;

    public sealed record Result(float[][] Centroids, IReadOnlyList<Persona> Personas, IReadOnlyList<PersonaChoice> Choices);

    /// <param name="embeddings">Each sampled user's representation.</param>
    /// <param name="columns">The same users' encoded feature vectors, for the descriptions.</param>
    /// <param name="names">The encoded columns' names; <paramref name="numeric"/> says which hold a standardized number.</param>
    public static Result Find(IReadOnlyList<float[]> embeddings, IReadOnlyList<float[]> columns, IReadOnlyList<string> names, IReadOnlyList<bool> numeric, int seed)
    {
        if (embeddings.Count < 2 * MaxK)
        {
            return new Result([], [], []);
        }

        var sample = embeddings.Take(SilhouetteSample).ToList();
        var choices = new List<PersonaChoice>();
        KMeans.Clustering? best = null;
        var bestScore = double.NegativeInfinity;
        for (var k = 2; k <= MaxK; k++)
        {
            var clustering = KMeans.Fit(embeddings, k, seed + k);
            var score = KMeans.Silhouette(sample, clustering.Assignments.Take(sample.Count).ToList());
            choices.Add(new PersonaChoice(k, score));
            if (score > bestScore)
            {
                (best, bestScore) = (clustering, score);
            }
        }

        var personas = Enumerable.Range(0, best!.Centroids.Length)
            .Select(c => Describe(c, Enumerable.Range(0, columns.Count).Where(i => best.Assignments[i] == c).ToList(), columns, names, numeric))
            .ToList();
        return new Result(best.Centroids, personas, choices);
    }

    private static Persona Describe(int index, IReadOnlyList<int> members, IReadOnlyList<float[]> columns, IReadOnlyList<string> names, IReadOnlyList<bool> numeric)
    {
        var traits = new List<PersonaTrait>();
        for (var d = 0; d < names.Count; d++)
        {
            var overall = columns.Average(v => (double)v[d]);
            var deviation = Math.Sqrt(columns.Average(v => (v[d] - overall) * (v[d] - overall)));
            if (members.Count == 0 || deviation < 1e-9)
            {
                continue;
            }

            var mean = members.Average(i => (double)columns[i][d]);
            traits.Add(new PersonaTrait(names[d], numeric[d], mean, overall, (mean - overall) / deviation));
        }

        var top = traits.OrderByDescending(t => Math.Abs(t.StandardizedDifference)).ThenBy(t => t.Column, StringComparer.Ordinal).Take(TraitsPerPersona).ToList();
        var share = (double)members.Count / columns.Count;
        return new Persona(index, share, top.Count == 0 ? "like everyone" : string.Join("; ", top.Select(Words)), top);
    }

    private static string Words(PersonaTrait trait)
    {
        var sign = trait.StandardizedDifference >= 0 ? "+" : "−";
        var size = Math.Abs(trait.StandardizedDifference).ToString("F1", CultureInfo.InvariantCulture);
        return trait.Numeric
            ? $"{(trait.StandardizedDifference >= 0 ? "higher" : "lower")} {trait.Column} ({sign}{size} sd)"
            : $"{trait.Column}: {Percent(trait.PersonaMean)} vs {Percent(trait.OverallMean)} of everyone";
    }

    private static string Percent(double share) => Math.Round(share * 100).ToString(CultureInfo.InvariantCulture) + "%";
}
