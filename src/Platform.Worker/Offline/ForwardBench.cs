using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Domain.Audiences;
using Platform.Abstractions.Tenants;
using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Modeling;
using Platform.Domain.Models;
using Platform.Domain.Profiles;
using Platform.ML.Uplift;
using Platform.Storage;
using Platform.Storage.Audiences;
using Platform.Storage.Models;
using static TorchSharp.torch;

namespace Platform.Worker.Offline;

/// <summary>
/// `./platform bench serve` (docs/benchmarks.md), the bare side of each overhead ratio: a tenant's ACTIVE UPLIFT version,
/// loaded from the registry, run with nothing around it over the rows the serving paths run it on — one user under each
/// running campaign's design and the reasons for those shown (recommendations), the whole audience under one design (forecast), and under many designs
/// with the trunk shared (the optimizer). The audience is read as forecasts read it; that time is reported apart.
/// </summary>
public static class ForwardBench
{
    /// <param name="Database">The platform's database URL (from PLATFORM_DATABASE_URL, never the command line).</param>
    public sealed record Settings(string Database, string Tenant, int Offers, int Designs, int Repeats, int Shown);

    public sealed record Result(
        Guid VersionId, int Members, int Width, int NetworkWidth, long Users, double ReadSeconds, IReadOnlyList<double> OneUserMilliseconds,
        IReadOnlyList<double> ReasonsMilliseconds, double OneDesignSeconds, double ManyDesignsSeconds, int Offers, int Designs);

    public static async Task<Result> RunAsync(Settings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        await using var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddPlatformStorage(settings.Database).BuildServiceProvider();
        var registry = services.GetRequiredService<ModelRegistry>();
        var active = await registry.ActiveAsync(settings.Tenant, ModelTask.Uplift, cancellationToken)
            ?? throw new InvalidOperationException($"Tenant {settings.Tenant} has no ACTIVE UPLIFT version.");
        using var model = UpliftModel.FromBytes(await registry.WeightsAsync(settings.Tenant, active.Id, cancellationToken), CPU);
        var now = DateTimeOffset.UtcNow;
        var design = new CampaignDesign("bench", CampaignType.PercentOff, 10m, Channel.Email, now, now.AddDays(14));
        var designs = Enumerable.Range(0, settings.Designs).Select(i => design with { Value = 5m + i }).ToList();
        var offers = Enumerable.Range(0, settings.Offers).Select(i => design with { Value = 5m + (i % 40) }).ToList();

        progress.WriteLine($"Reading the audience of {settings.Tenant}…");
        var clock = Stopwatch.StartNew();
        var batches = new List<(float[] Vectors, float[] Matches)>();
        IReadOnlyDictionary<string, FeatureValue>? firstUser = null;
        await foreach (var batch in services.GetRequiredService<AudienceFeatures>().ReadAsync(settings.Tenant, new Audience(All: true), now, ProfileSettings.Default, members => members, AudienceOrder.Any, cancellationToken))
        {
            firstUser ??= batch[0].Features;
            var vectors = new float[batch.Count * model.Schema.Width];
            for (var i = 0; i < batch.Count; i++)
            {
                model.Schema.Encode(batch[i].Features, vectors.AsSpan(i * model.Schema.Width, model.Schema.Width));
            }

            batches.Add((vectors, new float[batch.Count]));
        }

        var readSeconds = clock.Elapsed.TotalSeconds;
        var users = batches.Sum(b => (long)b.Matches.Length);
        if (firstUser is null)
        {
            throw new InvalidOperationException($"Tenant {settings.Tenant} has no users.");
        }

        progress.WriteLine($"{users:N0} users read in {readSeconds:F1} s; one user × {settings.Offers} offers, {settings.Repeats} times…");
        var vector = model.Schema.Encode(firstUser);
        // Ids, as running campaigns have: the model keeps what each campaign's design alone makes across requests, as it does when serving.
        var rows = offers.Select((o, i) => new OfferRow(vector, o, $"bench-{i}", firstUser)).ToList();
        var oneUser = new List<double>();
        for (var r = 0; r < settings.Repeats; r++)
        {
            var started = Stopwatch.GetTimestamp();
            model.Predict(rows, CPU);
            oneUser.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        progress.WriteLine($"Reasons for {settings.Shown} of the offers, {settings.Repeats} times…");
        var shown = offers.Take(settings.Shown).Select((o, i) => new Offer(o, $"bench-{i}")).ToList();
        var reasons = new List<double>();
        for (var r = 0; r < settings.Repeats; r++)
        {
            var started = Stopwatch.GetTimestamp();
            OfferScoring.Reasons(model, firstUser, shown, Objective.IncrementalMargin, TenantSettings.DefaultMarginRate);
            reasons.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        progress.WriteLine("The audience under one design…");
        clock.Restart();
        foreach (var (vectors, matches) in batches)
        {
            model.Predict(vectors, matches, design, null, CPU);
        }

        var oneDesign = clock.Elapsed.TotalSeconds;
        progress.WriteLine($"The audience under {settings.Designs} designs…");
        clock.Restart();
        foreach (var (vectors, matches) in batches)
        {
            model.Predict(vectors, matches, designs, CPU);
        }

        oneUser.Sort();
        reasons.Sort();
        return new Result(active.Id, model.Members.Count, model.Schema.Width, model.Hyperparameters.Width, users, readSeconds, oneUser, reasons, oneDesign, clock.Elapsed.TotalSeconds, settings.Offers, settings.Designs);
    }
}
