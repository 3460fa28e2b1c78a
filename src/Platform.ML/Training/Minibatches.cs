namespace Platform.ML.Training;

/// <summary>Row indexes in shuffled mini-batches, as tensors are indexed (<c>long</c>).</summary>
public static class Minibatches
{
    /// <summary>One epoch: every row once, in a new order, in batches of at most <paramref name="size"/>.</summary>
    public static IEnumerable<long[]> Epoch(int[] rows, int size, Random random)
    {
        random.Shuffle(rows);
        for (var start = 0; start < rows.Length; start += size)
        {
            yield return Slice(rows, start, size);
        }
    }

    /// <summary><paramref name="steps"/> batches of at most <paramref name="size"/> rows, shuffling again whenever the rows run out.</summary>
    public static IEnumerable<long[]> Steps(int[] rows, int size, int steps, Random random)
    {
        var position = rows.Length;
        for (var step = 0; step < steps && rows.Length > 0; step++)
        {
            if (position >= rows.Length)
            {
                random.Shuffle(rows);
                position = 0;
            }

            var batch = Slice(rows, position, size);
            position += batch.Length;
            yield return batch;
        }
    }

    private static long[] Slice(int[] rows, int start, int size)
    {
        var batch = new long[Math.Min(size, rows.Length - start)];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = rows[start + i];
        }

        return batch;
    }
}
