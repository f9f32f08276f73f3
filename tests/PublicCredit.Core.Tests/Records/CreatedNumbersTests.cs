using PublicCredit.Records;

namespace PublicCredit.Core.Tests.Records;

/// <summary>The numbers a first load has created (ADR 0024 §9): never a number it created reported as absent.</summary>
public sealed class CreatedNumbersTests
{
    [Fact]
    public void A_number_the_run_has_not_created_cannot_exist()
    {
        var created = new CreatedNumbers();
        created.Add("闽市监罚〔2026〕101号");

        Assert.False(created.MayExist("闽市监罚〔2026〕102号"));
        Assert.False(created.MayExist("闽市监罚〔2026〕101号 "));
    }

    [Fact]
    public void Every_number_the_run_has_created_may_exist()
    {
        var created = new CreatedNumbers();
        var numbers = Enumerable.Range(0, 10_000).Select(i => $"闽市监罚〔2026〕{i}号").ToList();
        numbers.ForEach(created.Add);

        Assert.All(numbers, n => Assert.True(created.MayExist(n)));
    }

    [Fact]
    public void It_is_full_at_its_capacity()
    {
        var created = new CreatedNumbers(capacity: 2);
        created.Add("A");
        created.Add("A");

        Assert.False(created.IsFull);
        created.Add("B");

        Assert.True(created.IsFull);
    }

    [Fact]
    public void At_its_capacity_fewer_than_one_number_in_thirty_it_never_created_needs_a_lookup()
    {
        var created = new CreatedNumbers(capacity: 1 << 16);
        for (var i = 0; !created.IsFull; i++)
        {
            created.Add($"闽市监罚〔2026〕{i}号");
        }

        var needLookup = Enumerable.Range(0, 100_000).Count(i => created.MayExist($"粤市监罚〔2025〕{i}号"));

        Assert.InRange(needLookup, 0, 100_000 / 30);
    }
}
