namespace Platform.Cli;

/// <summary>"command --name value …" parsing; enough for a handful of commands.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public string? Command { get; private init; }

    /// <summary>Arguments after the command that are not options, in order.</summary>
    public List<string> Arguments { get; } = [];

    public string? Get(string name) => values.GetValueOrDefault(name);

    public static CommandLine Parse(string[] args)
    {
        var parsed = new CommandLine { Command = args.FirstOrDefault() };
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                parsed.values[args[i][2..]] = args[++i];
            }
            else if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Arguments.Add(args[i]);
            }
            else
            {
                throw new InvalidOperationException($"Option '{args[i]}' needs a value.");
            }
        }

        return parsed;
    }

    public static int PrintHelp(TextWriter output)
    {
        output.WriteLine("""
            usage: ./platform <command> [--option value ...]

            Commands of the running platform (./platform up, down, status, test are the script's own):
              bootstrap   create a tenant with admin, merchant and partner keys in the keys file
                          --keys .platform/keys.json  --tenant demo  --name "Demo Shop"  --url http://127.0.0.1:5080/graphql
              import      import a CSV file and follow it to the end (docs/imports.md)
                          import <users|items|events|experiment> <file.csv> [--options options.json]
                          --key API_KEY (default: the tenant's merchant key in --keys)  --tenant demo  --keys .platform/keys.json
              seed        give a tenant the simulated shop's history: catalog, shoppers, events, past experiments
                          --shoppers 20000 (or PLATFORM_DEMO_SHOPPERS)  --seed 7  --out .platform/demo  --key/--tenant/--keys (admin key)
              stream      send live sessions of the simulated shoppers until stopped
                          --rate 2 (sessions a second)  --shoppers  --seed  --key/--tenant/--keys (merchant key)
              bench ingest  ingest, user(id) latency, audienceSummary and memory benchmarks in a fresh tenant;
                          prints a table and writes its section of docs/benchmarks.md (which explains each measure)
                          --shoppers 10000  --rate 500  --seconds 20  --audience 100000  --out docs/benchmarks.md
              bench campaigns  one hot campaign: campaign events ingested per second and the time until its KPIs
                          are exact; writes its section of docs/benchmarks.md   --shoppers 25000  --out docs/benchmarks.md
                          needs the system key (--keys) and PLATFORM_DATABASE_URL, both set by ./platform
            """);
        return 2;
    }
}
