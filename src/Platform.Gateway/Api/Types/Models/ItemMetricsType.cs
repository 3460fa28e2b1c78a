using GraphQL.Types;
using Platform.Domain.Modeling.Items;
using Platform.Gateway.Api.Limits;

namespace Platform.Gateway.Api.Types.Models;

public sealed class ItemMetricsType : ObjectGraphType<ItemVersionMetrics>
{
    public ItemMetricsType()
    {
        Name = "ItemMetrics";
        Description = "An ITEMS version against popularity and item-kNN on the same held-out last items (docs/models.md#item-recommendations).";
        Field<NonNullGraphType<ItemEvaluationType>>("model").Description("The version's figures.").Resolve(ctx => ctx.Source.Report.Model);
        Field<NonNullGraphType<ItemEvaluationType>>("popularity").Description("The popularity baseline's figures.").Resolve(ctx => ctx.Source.Report.Popularity);
        Field<NonNullGraphType<ItemEvaluationType>>("itemKnn").Description("The item-kNN baseline's figures.").Resolve(ctx => ctx.Source.Report.ItemKnn);
        Field<FloatGraphType>("ndcgRatio")
            .Description("model.ndcgAt10 ÷ the better baseline's; null when neither baseline's is positive.")
            .Resolve(ctx => Math.Max(ctx.Source.Report.Popularity.NdcgAt10, ctx.Source.Report.ItemKnn.NdcgAt10) is var better && better > 0
                ? Finite.OrNull(ctx.Source.Report.Model.NdcgAt10 / better)
                : null);
        Field<ItemEvaluationType>("champion")
            .Description("The version that was ACTIVE when this one trained, scored on the same held-out items; null when there was none.")
            .Resolve(ctx => ctx.Source.Champion);
        Field(m => m.ChampionVersionId, type: typeof(IdGraphType)).Description("That version's id.");
        Field<NonNullGraphType<IntGraphType>>("items").Description("Items it knows (seen in the interactions).").Resolve(ctx => ctx.Source.Report.Items);
        Field<NonNullGraphType<IntGraphType>>("users").Description("Users with at least one interaction.").Resolve(ctx => ctx.Source.Report.Users);
        Field<NonNullGraphType<IntGraphType>>("width").Description("The embedding width chosen on the validation items.").Resolve(ctx => ctx.Source.Report.Hyperparameters.Width);
        Field<NonNullGraphType<FloatGraphType>>("learningRate").Description("The learning rate chosen with it.").Resolve(ctx => ctx.Source.Report.Hyperparameters.LearningRate);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CandidateScoreType>>>>("candidates")
            .Description("The hyperparameter search; validationLoss is 1 − NDCG@10 on the validation items.")
            .Resolve(ctx => ctx.Source.Report.Candidates)
            .FieldType.ListOf(8);
    }
}

public sealed class ItemEvaluationType : ObjectGraphType<ItemEvaluation>
{
    public ItemEvaluationType()
    {
        Name = "ItemEvaluation";
        Description = "A recommender's figures on each held-out user's last item, ranked among every item the user had not interacted with before.";
        Field(e => e.Users).Description("Held-out users.");
        Field<FloatGraphType>("hitRateAt10").Description("Share of users whose held-out item is in the top 10.").Resolve(ctx => Finite.OrNull(ctx.Source.HitRateAt10));
        Field<FloatGraphType>("ndcgAt10").Description("Mean NDCG@10: 1 / log2(rank + 1) when the held-out item ranks in the top 10, else 0.").Resolve(ctx => Finite.OrNull(ctx.Source.NdcgAt10));
    }
}
