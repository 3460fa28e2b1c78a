using Platform.ML.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Platform.ML.Items;

/// <summary>
/// The item recommender (docs/models.md#item-recommendations): an item's vector is its own embedding plus its category's
/// and its brand's (index 0: unknown, so a tenant without a catalog learns from ids alone); a user's vector is the mean of
/// their recent items' vectors plus their latest item's (what they are looking at now), refined by a residual layer; an
/// item's score for a user is the dot product.
/// </summary>
public sealed class ItemNetwork : Module<Tensor, Tensor>
{
    private readonly Embedding item;
    private readonly Embedding category;
    private readonly Embedding brand;
    private readonly Linear refine;
    private readonly Tensor itemCategory;
    private readonly Tensor itemBrand;

    /// <param name="itemCategories">Each item's category index (0: unknown); <paramref name="itemBrands"/> the same for brands.</param>
    public ItemNetwork(int items, int categories, int brands, int width, long[] itemCategories, long[] itemBrands)
        : base(nameof(ItemNetwork))
    {
        Items = items;
        item = Embedding(items + 1, width, padding_idx: items); // index `items` pads short histories
        category = Embedding(categories + 1, width);
        brand = Embedding(brands + 1, width);
        refine = Linear(2 * width, width);
        using (no_grad())
        {
            item.weight!.normal_(0, 0.1);
            item.weight![items].zero_();
            category.weight!.normal_(0, 0.1);
            brand.weight!.normal_(0, 0.1);
        }

        itemCategory = tensor([.. itemCategories, 0L]);
        itemBrand = tensor([.. itemBrands, 0L]);
        RegisterComponents();
    }

    public int Items { get; }

    /// <summary>Every item's vector [items + 1 × width]; the last row (padding) is zero.</summary>
    public Tensor ItemVectors()
    {
        var vectors = Scalars.Sum(item.weight!, category.forward(itemCategory), brand.forward(itemBrand));
        var keep = cat([ones(Items, 1, device: vectors.device), zeros(1, 1, device: vectors.device)]);
        return vectors * keep;
    }

    /// <summary>Users' vectors from their recent items [users × history], oldest first, right-aligned, padded on the left with <see cref="Items"/>.</summary>
    public override Tensor forward(Tensor history) => UserVectors(history, ItemVectors());

    public Tensor UserVectors(Tensor history, Tensor itemVectors)
    {
        using var padding = Items.ToScalar();
        var present = history.ne(padding).to_type(ScalarType.Float32).unsqueeze(2);
        var mean = (itemVectors.index_select(0, history.flatten()).view(history.shape[0], history.shape[1], -1) * present).sum(1) / present.sum(1).clamp_min(Scalars.One);
        var latest = itemVectors.index_select(0, history[.., -1]);
        return Scalars.Sum(mean, latest, nn.functional.relu(refine.forward(cat([mean, latest], 1))));
    }
}
