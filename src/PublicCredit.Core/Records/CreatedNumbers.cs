using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;

namespace PublicCredit.Records;

/// <summary>
/// The document numbers a run has created in a department that had no current record when it began (ADR 0024 §9), as a
/// Bloom filter of fixed size (ADR 0026 §3): while nobody else writes, a number it does not hold cannot exist, so it
/// need not be looked up. A number it holds may exist — the file repeats it, or its bits were set by other numbers
/// (about 1 in 1,000 at a million numbers, 1 in 50 at capacity) — and is looked up as always, so a false positive
/// costs one lookup, never a wrong answer. 8 bits per number of capacity: 2 MB for 2,097,152 numbers, allocated once
/// (a hash set of the numbers' hashes grew to 28 MB at a million, copying itself on the way).
/// </summary>
internal sealed class CreatedNumbers
{
    public const int DefaultCapacity = 1 << 21;

    private const int Probes = 6;

    private readonly ulong[] bits;
    private readonly ulong mask;
    private readonly int capacity;
    private int count;

    public CreatedNumbers(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        this.capacity = capacity;
        var size = BitOperations.RoundUpToPowerOf2((ulong)Math.Max(64, capacity * 8L));
        bits = new ulong[size / 64];
        mask = size - 1;
    }

    /// <summary>Numbers added that the filter did not already hold.</summary>
    public bool IsFull => count >= capacity;

    public bool MayExist(string documentNumber)
    {
        var (first, step) = Hash(documentNumber);
        for (var probe = 0; probe < Probes; probe++)
        {
            var bit = (first + ((ulong)probe * step)) & mask;
            if ((bits[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    public void Add(string documentNumber)
    {
        var (first, step) = Hash(documentNumber);
        var added = false;
        for (var probe = 0; probe < Probes; probe++)
        {
            var bit = (first + ((ulong)probe * step)) & mask;
            ref var word = ref bits[bit >> 6];
            var flag = 1UL << (int)(bit & 63);
            added |= (word & flag) == 0;
            word |= flag;
        }

        if (added)
        {
            count++;
        }
    }

    /// <summary>Two probe sequences from one 64-bit hash (Kirsch–Mitzenmacher); the step is odd, so it visits distinct bits.</summary>
    private static (ulong First, ulong Step) Hash(string text)
    {
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()));
        return (hash & 0xFFFF_FFFF, (hash >> 32) | 1);
    }
}
