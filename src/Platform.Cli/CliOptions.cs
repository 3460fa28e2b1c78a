using System.CommandLine;
using Platform.Simulation;

namespace Platform.Cli;

/// <summary>Options several commands share; the ./platform script sets their environment defaults.</summary>
public static class CliOptions
{
    public static readonly Option<Uri> Url = new("--url")
    {
        Description = "The gateway's GraphQL endpoint (default: PLATFORM_URL, else http://127.0.0.1:5080/graphql).",
        DefaultValueFactory = _ => new Uri(Environment.GetEnvironmentVariable("PLATFORM_URL") ?? "http://127.0.0.1:5080/graphql"),
        CustomParser = HttpUrl,
        Recursive = true,
    };

    /// <summary>An absolute http(s) URL option's value (System.CommandLine has no built-in Uri conversion).</summary>
    public static Uri? HttpUrl(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        var name = result.Parent is System.CommandLine.Parsing.OptionResult option ? option.Option.Name : "The URL";
        result.AddError($"{name} must be an absolute http(s) URL, not '{text}'.");
        return null;
    }

    public static readonly Option<string> Keys = new("--keys")
    {
        Description = "The keys file ./platform up writes (default: PLATFORM_KEYS, else .platform/keys.json).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PLATFORM_KEYS") ?? ".platform/keys.json",
        Recursive = true,
    };

    public static readonly Option<string?> Key = new("--key") { Description = "An API key to use instead of the tenant's key from the keys file.", Recursive = true };

    public static readonly Option<string> Tenant = new("--tenant")
    {
        Description = "The tenant whose key is read from the keys file.",
        DefaultValueFactory = _ => "demo",
        Recursive = true,
    };

    public static readonly Option<string> Report = new("--out")
    {
        Description = "The benchmark report to update (its own section).",
        DefaultValueFactory = _ => Path.Combine(Environment.GetEnvironmentVariable("PLATFORM_ROOT") ?? ".", "docs", "benchmarks.md"),
    };

    public static Option<int> Users(int fallback) => new("--users")
    {
        Description = "How many simulated users.",
        DefaultValueFactory = _ => int.TryParse(Environment.GetEnvironmentVariable("PLATFORM_DEMO_USERS"), out var users) ? users : fallback,
    };

    public static readonly Option<int> Seed = new("--seed") { Description = "The simulation's seed.", DefaultValueFactory = _ => 7 };

    /// <summary>The key for <paramref name="role"/>: --key, else the tenant's key of that role in the keys file.</summary>
    public static string KeyFor(ParseResult parse, string role) =>
        parse.GetValue(Key) ?? KeysFile.Key(parse.GetValue(Keys)!, parse.GetValue(Tenant)!, role);

    public static WorldOptions World(ParseResult parse, Option<int> users) => new(Seed: parse.GetValue(Seed), Users: parse.GetValue(users));
}
