using System.Collections;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using PublicCredit.Calendar;
using PublicCredit.Text;

namespace PublicCredit.Catalog;

/// <summary>Catalog items of one kind in file order, with lookup by code.</summary>
public sealed class CodedCollection<T> : IReadOnlyList<T>
    where T : ICatalogItem
{
    private readonly IReadOnlyList<T> _items;
    private readonly FrozenDictionary<string, T> _byCode;

    public CodedCollection(IEnumerable<T> items)
    {
        _items = [.. items];
        _byCode = _items.ToFrozenDictionary(i => i.Code, StringComparer.Ordinal);
    }

    public int Count => _items.Count;

    public T this[int index] => _items[index];

    /// <exception cref="KeyNotFoundException">No item has this code.</exception>
    public T this[string code] => _byCode[code];

    public IReadOnlyDictionary<string, T> ByCode => _byCode;

    public bool Contains(string code) => _byCode.ContainsKey(code);

    public bool TryGet(string code, [MaybeNullWhen(false)] out T item) => _byCode.TryGetValue(code, out item);

    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// The loaded, validated catalog (docs/design.md#projects): what may be recorded, which lists exist, which measures
/// they trigger through which memoranda, and the working-day calendar. Immutable; obtained only from
/// <see cref="CatalogLoader"/>, so every instance has passed every validation rule.
/// </summary>
public sealed class CreditCatalog
{
    internal CreditCatalog(
        CatalogVersion version,
        LocalizedText title,
        IEnumerable<Department> departments,
        IEnumerable<Category> categories,
        IEnumerable<Matter> matters,
        IEnumerable<ListType> listTypes,
        IEnumerable<Measure> measures,
        IEnumerable<Memorandum> memoranda,
        WorkingDayCalendar calendar)
    {
        Version = version;
        Title = title;
        Departments = new(departments);
        Categories = new(categories);
        Matters = new(matters);
        ListTypes = new(listTypes);
        Measures = new(measures);
        Memoranda = new(memoranda);
        Calendar = calendar;
    }

    public CatalogVersion Version { get; }

    public LocalizedText Title { get; }

    public CodedCollection<Department> Departments { get; }

    public CodedCollection<Category> Categories { get; }

    public CodedCollection<Matter> Matters { get; }

    public CodedCollection<ListType> ListTypes { get; }

    public CodedCollection<Measure> Measures { get; }

    public CodedCollection<Memorandum> Memoranda { get; }

    public WorkingDayCalendar Calendar { get; }

    /// <summary>The fixed purposes a staff read names (catalog.yaml <c>purposes</c>; docs/catalog.md#providers-and-sharing).</summary>
    public CodedCollection<Purpose> Purposes { get; init; } = new([]);

    /// <summary>Whether <paramref name="departmentCode"/> may record <paramref name="category"/> (its <c>providers</c>).</summary>
    public bool Provides(string? departmentCode, Category category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return departmentCode is not null && Departments.TryGet(departmentCode, out var department) && category.Scope.IsProvidedBy(department);
    }

    /// <summary>Whether <paramref name="departmentCode"/> may propose entries of <paramref name="listType"/> (its <c>providers</c>).</summary>
    public bool Provides(string? departmentCode, ListType listType)
    {
        ArgumentNullException.ThrowIfNull(listType);
        return departmentCode is not null && Departments.TryGet(departmentCode, out var department) && listType.Scope.IsProvidedBy(department);
    }

    /// <summary>How long the owning department has to review an objection (catalog.yaml <c>objections</c>; docs/domain.md#objections-and-restoration; ADR 0013).</summary>
    public required WorkingDays ObjectionReview { get; init; }

    /// <summary>
    /// Days after a rejection during which the same filer's new objection on the same target only opens a review, not a
    /// suspension (catalog.yaml <c>objections.refilingCoolingOffDays</c>, default <see cref="DefaultRefilingCoolingOffDays"/>;
    /// docs/design.md#scope-no-department-acts-for-another; ADR 0034): a subject cannot keep an entry suspended by refiling.
    /// </summary>
    public int RefilingCoolingOffDays { get; init; } = DefaultRefilingCoolingOffDays;

    public const int DefaultRefilingCoolingOffDays = 90;

    /// <summary>The measures marked as the GF〔2016〕33 §(4) green channel.</summary>
    public IEnumerable<Measure> GreenChannelMeasures => Measures.Where(m => m.GreenChannel is not null);

    /// <summary>The memoranda that act on <paramref name="listTypeCode"/>.</summary>
    public IEnumerable<Memorandum> MemorandaFor(string listTypeCode) =>
        Memoranda.Where(m => m.ListTypes.Contains(listTypeCode, StringComparer.Ordinal));
}
