using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Testing;

/// <summary>One GraphQL text the docs show, with where it is (file:line) and the variables shown with it.</summary>
public sealed record DocExample(string Source, string Text, string? VariablesJson)
{
    public override string ToString() => Source;
}

/// <summary>
/// Every GraphQL example in README.md and docs/*.md, so tests can hold the docs to the API: ```graphql blocks (an
/// operation's variables are the ```json block right after it), the bodies of curl -d '{…}' commands, and the
/// queries of graphql-transport-ws subscribe messages in ```json blocks.
/// </summary>
public static partial class DocExamples
{
    public static IReadOnlyList<DocExample> GraphQLBlocks() => Files().SelectMany(file => Blocks(file).Where(b => b.Language == "graphql")
        .Select(b => new DocExample($"{b.File}:{b.Line}", b.Text, NextJson(file, b)))).ToList();

    /// <summary>The JSON bodies of requests: curl -d '…' arguments and subscribe messages.</summary>
    public static IReadOnlyList<DocExample> RequestBodies()
    {
        var bodies = new List<DocExample>();
        foreach (var file in Files())
        {
            var text = File.ReadAllText(file);
            foreach (Match match in CurlBody().Matches(text))
            {
                using var json = JsonDocument.Parse(match.Groups[1].Value);
                bodies.Add(Request(file, text, match.Index, json.RootElement));
            }

            foreach (var block in Blocks(file).Where(b => b.Language == "json"))
            {
                foreach (var line in block.Text.Split('\n').Where(l => l.Contains("\"subscribe\"", StringComparison.Ordinal)))
                {
                    using var json = JsonDocument.Parse(line);
                    bodies.Add(Request(file, text, text.IndexOf(line, StringComparison.Ordinal), json.RootElement.GetProperty("payload")));
                }
            }
        }

        return bodies;
    }

    private static DocExample Request(string file, string text, int index, JsonElement body) => new(
        $"{Relative(file)}:{text[..index].Count(c => c == '\n') + 1}",
        body.GetProperty("query").GetString()!,
        body.TryGetProperty("variables", out var variables) ? variables.GetRawText() : null);

    private static IEnumerable<string> Files() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md").Append(Path.Combine(RepositoryPaths.Root, "README.md")).Order(StringComparer.Ordinal);

    private sealed record Block(string File, int Line, string Language, string Text);

    private static List<Block> Blocks(string file)
    {
        var blocks = new List<Block>();
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal) || lines[i].Length == 3)
            {
                continue;
            }

            var end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            blocks.Add(new Block(Relative(file), i + 1, lines[i][3..].Trim(), string.Join('\n', lines[(i + 1)..end])));
            i = end;
        }

        return blocks;
    }

    private static string? NextJson(string file, Block block)
    {
        var blocks = Blocks(file);
        var next = blocks.SkipWhile(b => b.Line != block.Line).Skip(1).FirstOrDefault();
        return next is { Language: "json" } && block.Text.Contains('$', StringComparison.Ordinal) ? next.Text : null;
    }

    private static string Relative(string file) => Path.GetRelativePath(RepositoryPaths.Root, file);

    // curl … -d '{"query":…}' (single-quoted JSON; shell line continuations inside are not used in the docs).
    [GeneratedRegex("""-d '(\{"query".*?\})'""", RegexOptions.Singleline)]
    private static partial Regex CurlBody();
}
