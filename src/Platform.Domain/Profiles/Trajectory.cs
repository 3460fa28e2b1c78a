using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Domain.Events;

namespace Platform.Domain.Profiles;

/// <summary>
/// A user's latest events, newest first (by time of occurrence, then log offset), at most
/// <see cref="UserProfile.TrajectoryLength"/>. Held field by field in arrays of primitives — about 45 bytes a step
/// instead of a 96-byte object and its reference — because every active profile keeps one in memory; its ids are
/// shared across profiles (<see cref="IdPool"/>). Stored and sent as a JSON array of <see cref="TrajectoryStep"/>
/// objects, as it was when it was a list of them.
/// </summary>
[JsonConverter(typeof(TrajectoryJsonConverter))]
public sealed class Trajectory : IReadOnlyList<TrajectoryStep>
{
    // Growing by a few steps at a time keeps the unused tail small; a profile stops growing at TrajectoryLength.
    private const int Growth = 8;

    private long[] seqs = [];
    private long[] utcTicks = [];
    private short[] offsetMinutes = [];
    private EventType[] types = [];
    private string?[] itemIds = [];
    private string?[] categoryIds = [];
    private string?[] campaignIds = [];

    // Amounts are few (purchases): kept by log offset beside the columns rather than as a 24-byte nullable per step.
    private long[] amountSeqs = [];
    private decimal[] amountValues = [];
    private int amountCount;

    public Trajectory()
    {
    }

    /// <summary>Steps already in order, newest first (a stored trajectory being read back); beyond <see cref="UserProfile.TrajectoryLength"/> they are let go.</summary>
    public Trajectory(IReadOnlyCollection<TrajectoryStep> newestFirst)
    {
        Resize(Math.Min(newestFirst.Count, UserProfile.TrajectoryLength));
        foreach (var step in newestFirst.Take(UserProfile.TrajectoryLength))
        {
            Set(Count++, step);
        }
    }

    public int Count { get; private set; }

    public TrajectoryStep this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            var offset = TimeSpan.FromMinutes(offsetMinutes[index]);
            var occurredAt = new DateTimeOffset(utcTicks[index] + offset.Ticks, offset);
            return new TrajectoryStep(seqs[index], types[index], occurredAt, itemIds[index], categoryIds[index], campaignIds[index], AmountOf(seqs[index]));
        }
    }

    /// <summary>Puts the step in its place and lets the oldest go beyond <see cref="UserProfile.TrajectoryLength"/>.</summary>
    public void Remember(TrajectoryStep step)
    {
        var ticks = step.OccurredAt.UtcTicks;
        var position = 0;
        while (position < Count && (utcTicks[position] > ticks || (utcTicks[position] == ticks && seqs[position] > step.Seq)))
        {
            position++;
        }

        if (position >= UserProfile.TrajectoryLength)
        {
            return; // older than every step of a full trajectory
        }

        if (Count == UserProfile.TrajectoryLength)
        {
            Count--;
            ForgetAmount(seqs[Count]); // the oldest falls off
        }
        else if (Count == seqs.Length)
        {
            Resize(Math.Min(Count + Growth, UserProfile.TrajectoryLength));
        }

        Shift(position, Count - position);
        Set(position, step);
        Count++;
    }

    public IEnumerator<TrajectoryStep> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Set(int index, TrajectoryStep step)
    {
        seqs[index] = step.Seq;
        utcTicks[index] = step.OccurredAt.UtcTicks;
        offsetMinutes[index] = (short)step.OccurredAt.TotalOffsetMinutes;
        types[index] = step.Type;
        itemIds[index] = IdPool.Share(step.ItemId);
        categoryIds[index] = IdPool.Share(step.CategoryId);
        campaignIds[index] = IdPool.Share(step.CampaignId);
        if (step.Amount is { } amount)
        {
            if (amountCount == amountSeqs.Length)
            {
                Array.Resize(ref amountSeqs, amountCount + 2);
                Array.Resize(ref amountValues, amountCount + 2);
            }

            amountSeqs[amountCount] = step.Seq;
            amountValues[amountCount++] = amount;
        }
    }

    private decimal? AmountOf(long seq)
    {
        var at = Array.IndexOf(amountSeqs, seq, 0, amountCount);
        return at < 0 ? null : amountValues[at];
    }

    private void ForgetAmount(long seq)
    {
        var at = Array.IndexOf(amountSeqs, seq, 0, amountCount);
        if (at >= 0)
        {
            amountCount--;
            amountSeqs[at] = amountSeqs[amountCount];
            amountValues[at] = amountValues[amountCount];
        }
    }

    // Moves `length` steps from `from` one place later (there is room: Remember made it).
    private void Shift(int from, int length)
    {
        Array.Copy(seqs, from, seqs, from + 1, length);
        Array.Copy(utcTicks, from, utcTicks, from + 1, length);
        Array.Copy(offsetMinutes, from, offsetMinutes, from + 1, length);
        Array.Copy(types, from, types, from + 1, length);
        Array.Copy(itemIds, from, itemIds, from + 1, length);
        Array.Copy(categoryIds, from, categoryIds, from + 1, length);
        Array.Copy(campaignIds, from, campaignIds, from + 1, length);
    }

    private void Resize(int capacity)
    {
        Array.Resize(ref seqs, capacity);
        Array.Resize(ref utcTicks, capacity);
        Array.Resize(ref offsetMinutes, capacity);
        Array.Resize(ref types, capacity);
        Array.Resize(ref itemIds, capacity);
        Array.Resize(ref categoryIds, capacity);
        Array.Resize(ref campaignIds, capacity);
    }

    private sealed class TrajectoryJsonConverter : JsonConverter<Trajectory>
    {
        public override Trajectory Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new((JsonSerializer.Deserialize<List<TrajectoryStep?>>(ref reader, options) ?? []).OfType<TrajectoryStep>().ToList());

        public override void Write(Utf8JsonWriter writer, Trajectory value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize<IEnumerable<TrajectoryStep>>(writer, value, options);
    }
}
