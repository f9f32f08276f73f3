using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PublicCredit.Subjects;

/// <summary>
/// The public name search's index (ADR 0046): one row per distinct bigram (two consecutive code points) of a subject's
/// <see cref="SubjectRow.NameKey"/>, with the key's first <see cref="SubjectNameGrams.SortLength"/> code points and the
/// public id beside it so that the rows of one bigram are read in the order results are shown (name, then public id)
/// and a page needs no sort. Derived data: database triggers
/// on <c>subjects</c> write it (insert, rename, delete), so every write path — the use cases and the bulk import
/// alike — keeps it current in the same transaction, and nothing in C# writes it. It says nothing about what is
/// public: the search applies the public profile's rule to the candidates it reads, at the time of the request.
/// </summary>
public sealed class SubjectNameGramRow
{
    public required string Gram { get; set; }

    /// <summary>The first <see cref="SubjectNameGrams.SortLength"/> code points of the name key: the order of results
    /// (a whole key may be thousands of characters after NFKC, more than a B-tree entry holds).</summary>
    public required string SortKey { get; set; }

    public required string PublicId { get; set; }

    public required string SubjectId { get; set; }
}

/// <summary>Bigrams as the index stores them: by code point, as SQL's <c>substr</c> counts on both databases.</summary>
public static class SubjectNameGrams
{
    /// <summary>Code points of the name key that order results; names alike beyond them are ordered by public id.</summary>
    public const int SortLength = 100;

    /// <summary>The distinct bigrams of <paramref name="key"/> in order of first appearance (none for fewer than two code points).</summary>
    public static IReadOnlyList<string> Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var runes = key.EnumerateRunes().Select(r => r.ToString()).ToList();
        var grams = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < runes.Count; i++)
        {
            var gram = runes[i] + runes[i + 1];
            if (seen.Add(gram))
            {
                grams.Add(gram);
            }
        }

        return grams;
    }

    /// <summary>Code points in <paramref name="key"/>.</summary>
    public static int CodePoints(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var count = 0;
        foreach (var _ in key.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}

internal sealed class SubjectNameGramRowConfiguration : IEntityTypeConfiguration<SubjectNameGramRow>
{
    public void Configure(EntityTypeBuilder<SubjectNameGramRow> builder)
    {
        builder.ToTable("SubjectNameGrams");
        // The key is the reading order: the rows of one bigram by name, then public id (unique), so a page is an
        // index range read in order and stops after the page.
        builder.HasKey(g => new { g.Gram, g.SortKey, g.PublicId });
        builder.Property(g => g.Gram).HasMaxLength(4);
        builder.Property(g => g.PublicId).HasMaxLength(32);
        builder.Property(g => g.SubjectId).HasMaxLength(18);
        // No index on the subject id: the triggers find a renamed or deleted subject's rows by the primary key,
        // recomputed from the old name (ADR 0046 §7) — a second index on every row halved the import's write rate.
    }
}
