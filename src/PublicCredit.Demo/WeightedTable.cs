namespace PublicCredit.Demo;

/// <summary>Picks items with probability proportional to integer weights, in O(log n), from a given <see cref="Random"/>.</summary>
internal sealed class WeightedTable<T>
{
    private readonly T[] _items;

    // _cumulative[i] = sum of the weights of items 0..i; strictly increasing because every weight is positive.
    private readonly int[] _cumulative;

    public WeightedTable(IEnumerable<(T Item, int Weight)> entries)
    {
        var kept = entries.Where(e => e.Weight > 0).ToArray();
        if (kept.Length == 0)
        {
            throw new ArgumentException("At least one entry needs a positive weight.", nameof(entries));
        }

        _items = [.. kept.Select(e => e.Item)];
        _cumulative = new int[kept.Length];
        var total = 0;
        for (var i = 0; i < kept.Length; i++)
        {
            total = checked(total + kept[i].Weight);
            _cumulative[i] = total;
        }
    }

    public IReadOnlyList<T> Items => _items;

    public T Pick(Random random)
    {
        var x = random.Next(_cumulative[^1]);

        // The item is the first whose cumulative weight exceeds x; an exact hit on a boundary belongs to the next one.
        var index = Array.BinarySearch(_cumulative, x);
        return _items[index < 0 ? ~index : index + 1];
    }
}
