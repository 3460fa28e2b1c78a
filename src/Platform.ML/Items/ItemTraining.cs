using Platform.Domain.Modeling;
using Platform.Domain.Modeling.Items;
using Platform.Domain.Models;
using Platform.ML.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML.Items;

/// <summary>
/// Trains a tenant's item recommender (docs/models.md#item-recommendations): every prefix of a user's training
/// interactions predicts the item that came next, with a softmax over every item (or, past
/// <see cref="ItemHyperparameters.Negatives"/> items, over the batch's items and that many sampled ones); width and
/// learning rate come from a small grid judged by NDCG@10 on the validation items, with early stopping; popularity and
/// item-kNN are scored on the same held-out last items.
/// </summary>
public sealed class ItemTraining(ItemTraining.Options options)
{
    /// <param name="Negatives">Past this many items, the softmax runs over the batch's items and this many sampled ones.</param>
    public sealed record Options(int Seed = 7, int MaxEpochs = 20, int MinTestUsers = 50, int MinItems = 10, int ValidationSample = 2_000, int Negatives = 4_096);

    public static readonly IReadOnlyList<(int Width, double LearningRate)> Grid = [(32, 3e-3), (64, 1e-3)];

    /// <param name="facts">An item's category and brand from the catalog; (null, null) when unknown.</param>
    public (ItemModel Model, ItemReport Report) Run(
        ItemSequences data, Func<string, (string? Category, string? Brand)> facts, Device device, Action<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        var (train, validation, test) = LeaveLastOut.Split(data.Users.Select(u => u.Items).ToList());
        if (test.Count < options.MinTestUsers || data.Items.Count < options.MinItems)
        {
            throw new NotEnoughDataException(
                $"Too little data to learn from: {data.Items.Count} items and {test.Count} users with at least three item interactions; "
                + $"at least {options.MinItems} items and {options.MinTestUsers} such users are needed.");
        }

        var (itemCategories, categories) = Indexes(data.Items.Select(i => facts(i).Category).ToList());
        var (itemBrands, brands) = Indexes(data.Items.Select(i => facts(i).Brand).ToList());
        var examples = train.SelectMany((s, u) => Enumerable.Range(1, Math.Max(0, s.Length - 1)).Select(t => (u, t))).ToArray();
        var sample = validation.Take(options.ValidationSample).ToList();
        var candidates = new List<CandidateScore>();
        ItemNetwork? best = null;
        var (bestNdcg, chosen) = (double.NegativeInfinity, (ItemHyperparameters?)null);
        for (var c = 0; c < Grid.Count; c++)
        {
            var hyper = new ItemHyperparameters(Grid[c].Width, Grid[c].LearningRate, options.MaxEpochs, UpliftHyperparameters.BatchSizeFor(examples.Length), Negatives: options.Negatives);
            var step = c + 1;
            var (network, ndcg, epochs) = Train(data, train, examples, sample, hyper, itemCategories, categories, itemBrands, brands, device,
                (epoch, loss, validationNdcg) => progress(new TrainingProgress("selecting", step, Grid.Count, epoch, loss, 1 - validationNdcg, $"width {hyper.Width}, learning rate {hyper.LearningRate}")),
                cancellationToken);
            candidates.Add(new CandidateScore(hyper.Width, hyper.LearningRate, 1 - ndcg, epochs));
            if (ndcg > bestNdcg)
            {
                best?.Dispose();
                (best, bestNdcg, chosen) = (network, ndcg, hyper);
            }
            else
            {
                network.Dispose();
            }
        }

        progress(new TrainingProgress("evaluating", 1, 1, Detail: "model, popularity and item-kNN on the held-out last items"));
        var popularity = new PopularityRecommender(train, data.Items.Count);
        var model = new ItemModel(data.Items, itemCategories, itemBrands, categories, brands, chosen!, best!, popularity.Scores([]));
        var knn = new ItemKnnRecommender(train, data.Items.Count);
        var report = new ItemReport(
            data.Items.Count, data.Users.Count, train.Sum(s => s.Length), sample.Count, test.Count,
            ItemEvaluation.Of(Ranks(model, test, device)),
            ItemEvaluation.Of(test.Select(c => RankingMetrics.RankOf(popularity.Scores(c.History), c.Target, Seen(c))).ToList()),
            ItemEvaluation.Of(test.Select(c => RankingMetrics.RankOf(knn.Scores(c.History), c.Target, Seen(c))).ToList()),
            chosen!,
            candidates);
        return (model, report);
    }

    /// <summary>Scores a trained model (another version) on these held-out items; items it does not know rank last.</summary>
    public static ItemEvaluation Evaluate(ItemModel model, ItemSequences data, Device device)
    {
        var known = model.Items.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        var (_, _, test) = LeaveLastOut.Split(data.Users.Select(u => u.Items).ToList());
        var mapped = test.Select(c => new LeaveLastOut.Case(
            c.User, c.History.Select(i => known.GetValueOrDefault(data.Items[i], -1)).Where(i => i >= 0).ToArray(), known.GetValueOrDefault(data.Items[c.Target], -1))).ToList();
        var ranks = new List<int>(mapped.Count);
        var scored = Ranks(model, mapped.Where(c => c.Target >= 0).ToList(), device);
        ranks.AddRange(scored);
        ranks.AddRange(Enumerable.Repeat(int.MaxValue, mapped.Count(c => c.Target < 0)));
        return ItemEvaluation.Of(ranks);
    }

    private (ItemNetwork Network, double Ndcg, int Epochs) Train(
        ItemSequences data, IReadOnlyList<int[]> train, (int User, int T)[] examples, IReadOnlyList<LeaveLastOut.Case> validation, ItemHyperparameters hyper,
        long[] itemCategories, int categories, long[] itemBrands, int brands, Device device, Action<int, double, double> onEpoch, CancellationToken cancellationToken)
    {
        manual_seed(options.Seed);
        var network = new ItemNetwork(data.Items.Count, categories, brands, hyper.Width, itemCategories, itemBrands);
        network.to(device);
        var model = new ItemModel(data.Items, itemCategories, itemBrands, categories, brands, hyper, network);
        var random = new Random(options.Seed);
        using var optimizer = new AdamOptimizer(network.parameters(), hyper.LearningRate);
        var (best, bestState, epochs, sinceBest) = (double.NegativeInfinity, ModuleState.Save(network), 0, 0);
        var order = Enumerable.Range(0, examples.Length).ToArray();
        for (var epoch = 1; epoch <= hyper.MaxEpochs && sinceBest < hyper.Patience; epoch++)
        {
            network.train();
            var (sum, batches) = (0.0, 0);
            foreach (var batch in Minibatches.Epoch(order, hyper.BatchSize, random))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var histories = batch.Select(b => train[examples[b].User][Math.Max(0, examples[b].T - hyper.History)..examples[b].T]).ToList();
                var targets = tensor(batch.Select(b => (long)train[examples[b].User][examples[b].T]).ToArray(), device: device);
                var vectors = network.ItemVectors();
                var users = network.UserVectors(ItemTensors.Histories(histories, hyper.History, data.Items.Count, device), vectors);
                Tensor loss;
                if (data.Items.Count <= hyper.Negatives)
                {
                    loss = nn.functional.cross_entropy(users.matmul(vectors.narrow(0, 0, data.Items.Count).t()), targets);
                }
                else
                {
                    // Sampled softmax: each row's own target against the batch's targets and uniformly sampled items; a
                    // candidate that is the row's own item elsewhere (a repeat, a sampled hit) is masked, not a negative.
                    var sampled = tensor(Enumerable.Range(0, hyper.Negatives).Select(_ => (long)random.Next(data.Items.Count)).ToArray(), device: device);
                    var ids = cat([targets, sampled]);
                    var own = Scalars.Range(batch.Length, device);
                    var hits = ids.unsqueeze(0).eq(targets.unsqueeze(1)).logical_and(Scalars.Range(ids.shape[0], device).unsqueeze(0).ne(own.unsqueeze(1)));
                    var logits = users.matmul(vectors.index_select(0, ids).t()).masked_fill(hits, Scalars.NegativeInfinity);
                    loss = nn.functional.cross_entropy(logits, own);
                }

                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step();
                sum += loss.item<float>();
                batches++;
            }

            network.eval();
            var ndcg = ItemEvaluation.Of(Ranks(model, validation, device)).NdcgAt10;
            epochs = epoch;
            onEpoch(epoch, sum / Math.Max(1, batches), ndcg);
            if (ndcg > best + 1e-6)
            {
                (best, bestState, sinceBest) = (ndcg, ModuleState.Save(network), 0);
            }
            else
            {
                sinceBest++;
            }
        }

        ModuleState.Load(network, bestState);
        network.eval();
        return (network, best, epochs);
    }

    private static List<int> Ranks(ItemModel model, IReadOnlyList<LeaveLastOut.Case> cases, Device device) =>
        model.Scores(cases.Select(c => c.History).ToList(), device).Zip(cases, (scores, c) => RankingMetrics.RankOf(scores, c.Target, Seen(c))).ToList();

    private static HashSet<int> Seen(LeaveLastOut.Case c) => [.. c.History];

    // Index 0 is unknown; known values get 1.. in order of first appearance.
    private static (long[] Indexes, int Count) Indexes(IReadOnlyList<string?> values)
    {
        var known = new Dictionary<string, long>(StringComparer.Ordinal);
        var indexes = values.Select(v => v is null ? 0L : known.TryGetValue(v, out var i) ? i : known[v] = known.Count + 1).ToArray();
        return (indexes, known.Count);
    }
}
