namespace Platform.Domain.Modeling.Items;

/// <summary>A recommender's figures on the held-out last items (docs/models.md#item-recommendations): full ranking, the user's earlier items excluded.</summary>
public sealed record ItemEvaluation(int Users, double HitRateAt10, double NdcgAt10)
{
    public static ItemEvaluation Of(IReadOnlyList<int> ranks) => new(ranks.Count, RankingMetrics.HitRate(ranks, 10), RankingMetrics.Ndcg(ranks, 10));
}

/// <summary>What an item training found: the model against popularity and item-kNN on the same held-out items.</summary>
public sealed record ItemReport(
    int Items, int Users, int TrainInteractions, int ValidationUsers, int TestUsers, ItemEvaluation Model, ItemEvaluation Popularity, ItemEvaluation ItemKnn,
    ItemHyperparameters Hyperparameters, IReadOnlyList<CandidateScore> Candidates);

/// <summary>An ITEMS version's metrics as stored: its report, and the then ACTIVE version's figures on the same held-out items.</summary>
public sealed record ItemVersionMetrics(ItemReport Report, ItemEvaluation? Champion, Guid? ChampionVersionId);

/// <summary>What the item network was trained with.</summary>
public sealed record ItemHyperparameters(int Width, double LearningRate, int MaxEpochs, int BatchSize, int History = 20, int Patience = 3, int Negatives = 4096);
