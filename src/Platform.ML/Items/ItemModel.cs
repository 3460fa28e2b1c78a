using Platform.Domain.Modeling.Items;
using Platform.ML.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.ML.Items;

/// <summary>
/// A trained item recommender: the items it knows (ids, with their category and brand indexes), the network, and what
/// it was trained with. Its bytes are the version's weights.
/// </summary>
public sealed class ItemModel(
    IReadOnlyList<string> items, long[] itemCategories, long[] itemBrands, int categories, int brands, ItemHyperparameters hyperparameters, ItemNetwork network,
    float[]? popularity = null)
    : IDisposable
{
    /// <summary>Scores per forward pass (users × items): bounds the score matrix, about 64 MiB, whatever the catalog's size.</summary>
    public const int ChunkScores = 16 * 1024 * 1024;

    public IReadOnlyList<string> Items { get; } = items;

    public ItemHyperparameters Hyperparameters { get; } = hyperparameters;

    public ItemNetwork Network { get; } = network;

    /// <summary>Each item's interactions in the training sequences (what cold-start users get); null for versions written before it was kept.</summary>
    public float[]? Popularity { get; } = popularity;

    private float[]? vectors;
    private Dictionary<string, int>? indexes;

    /// <summary>An item's index among <see cref="Items"/>, or −1 for an item the version never saw.</summary>
    public int IndexOf(string itemId)
    {
        indexes ??= Items.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        return indexes.TryGetValue(itemId, out var index) ? index : -1;
    }

    /// <summary>Every item's vector ([item × width], row-major), computed once.</summary>
    public float[] ItemVectors()
    {
        if (vectors is null)
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            vectors = Network.ItemVectors().narrow(0, 0, Items.Count).cpu().contiguous().data<float>().ToArray();
        }

        return vectors;
    }

    /// <summary>The cosine similarity of two items' vectors.</summary>
    public double Similarity(int a, int b)
    {
        var all = ItemVectors();
        var width = all.Length / Math.Max(1, Items.Count);
        var x = all.AsSpan(a * width, width);
        var y = all.AsSpan(b * width, width);
        double dot = 0, xx = 0, yy = 0;
        for (var i = 0; i < width; i++)
        {
            dot += x[i] * y[i];
            xx += x[i] * x[i];
            yy += y[i] * y[i];
        }

        return xx > 0 && yy > 0 ? dot / Math.Sqrt(xx * yy) : 0;
    }

    /// <summary>Every item's score for each history (item indexes, oldest first), at most <see cref="ChunkScores"/> scores at a time.</summary>
    public IEnumerable<float[]> Scores(IReadOnlyList<int[]> histories, Device device)
    {
        using var noGrad = no_grad();
        var chunkUsers = Math.Clamp(ChunkScores / Math.Max(1, Items.Count), 1, 512);
        for (var start = 0; start < histories.Count; start += chunkUsers)
        {
            var chunk = histories.Skip(start).Take(chunkUsers).ToList();
            float[] flat;
            using (var scope = NewDisposeScope())
            {
                var vectors = Network.ItemVectors();
                var users = Network.UserVectors(ItemTensors.Histories(chunk, Hyperparameters.History, Items.Count, device), vectors);
                flat = users.matmul(vectors.narrow(0, 0, Items.Count).t()).cpu().contiguous().data<float>().ToArray();
            }

            for (var u = 0; u < chunk.Count; u++)
            {
                yield return flat.AsSpan(u * Items.Count, Items.Count).ToArray();
            }
        }
    }

    public byte[] ToBytes() => ModelBytes.Write(new Header(Items, itemCategories, itemBrands, categories, brands, Hyperparameters, Popularity), [Network]);

    public static ItemModel FromBytes(byte[] bytes, Device device)
    {
        using var reader = new ModelBytes.Reader(bytes);
        var header = reader.Header<Header>();
        if (header.Popularity is { } popularity && popularity.Length != header.Items.Count)
        {
            throw new InvalidDataException($"The model counts popularity for {popularity.Length} items but knows {header.Items.Count}.");
        }

        var network = new ItemNetwork(header.Items.Count, header.Categories, header.Brands, header.Hyperparameters.Width, header.ItemCategories, header.ItemBrands);
        reader.LoadNext(network);
        network.to(device);
        network.eval();
        return new ItemModel(header.Items, header.ItemCategories, header.ItemBrands, header.Categories, header.Brands, header.Hyperparameters, network, header.Popularity);
    }

    public void Dispose() => Network.Dispose();

    private sealed record Header(
        IReadOnlyList<string> Items, long[] ItemCategories, long[] ItemBrands, int Categories, int Brands, ItemHyperparameters Hyperparameters, float[]? Popularity = null);
}

/// <summary>Histories as a padded index tensor.</summary>
public static class ItemTensors
{
    /// <summary>[histories × length] of each history's last <paramref name="length"/> items, right-aligned (the latest in the last column), padded on the left with <paramref name="padding"/>.</summary>
    public static Tensor Histories(IReadOnlyList<int[]> histories, int length, int padding, Device device)
    {
        var flat = new long[histories.Count * length];
        Array.Fill(flat, padding);
        for (var h = 0; h < histories.Count; h++)
        {
            var recent = histories[h].AsSpan(Math.Max(0, histories[h].Length - length));
            for (var i = 0; i < recent.Length; i++)
            {
                flat[(h * length) + length - recent.Length + i] = recent[i];
            }
        }

        return tensor(flat, [histories.Count, length], device: device);
    }
}
