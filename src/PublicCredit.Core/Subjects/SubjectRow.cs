using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PublicCredit.Identifiers;
using PublicCredit.Text;

namespace PublicCredit.Subjects;

/// <summary>
/// A credit subject the platform holds data about (ADR 0008): its identifier, kind, the name it was last recorded
/// under, and a random <see cref="PublicId"/> that public views use instead of an individual's identity number.
/// Written by the use cases that write records, in their transaction (<see cref="SubjectRegister"/>).
/// </summary>
public sealed class SubjectRow
{
    /// <summary>Normalised USCC or resident ID (the full number: personal information for individuals).</summary>
    public required string SubjectId { get; set; }

    public SubjectKind Kind { get; set; }

    /// <summary>The name of the most recently written record version about this subject.</summary>
    public required string Name { get; set; }

    /// <summary><see cref="SubjectNames.SearchKey"/> of <see cref="Name"/>: what a public name search matches against.</summary>
    public required string NameKey { get; set; }

    /// <summary>Random, unguessable and unrelated to the identifier (<see cref="PublicSubjectId"/>); never changes.</summary>
    public required string PublicId { get; set; }

    public DateTimeOffset FirstRecordedAt { get; set; }

    /// <summary>When <see cref="Name"/> was written.</summary>
    public DateTimeOffset NameRecordedAt { get; set; }
}

/// <summary>
/// The opaque id of a subject in public views: <c>p-</c> and 24 lower-case hex digits (96 random bits). It contains a
/// hyphen, which no USCC or resident ID can, so a path segment is never ambiguous; and it is drawn at random, never
/// derived from the number, so it cannot be reversed by enumerating the ~10⁹ possible resident IDs (ADR 0008).
/// </summary>
public static class PublicSubjectId
{
    public const string Prefix = "p-";
    private const int HexDigits = 24;

    public static string New() => Prefix + RandomNumberGenerator.GetHexString(HexDigits, lowercase: true);

    /// <summary>Whether <paramref name="text"/> has the shape of a public id (any case, surrounding spaces ignored).</summary>
    public static bool TryNormalise(string? text, out string publicId)
    {
        publicId = string.Empty;
        var trimmed = text?.Trim().ToLowerInvariant();
        if (trimmed is null || trimmed.Length != Prefix.Length + HexDigits || !trimmed.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in trimmed.AsSpan(Prefix.Length))
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        publicId = trimmed;
        return true;
    }
}

/// <summary>How names are compared in a public search: the same folding applied to stored names and to queries.</summary>
public static class SubjectNames
{
    /// <summary>Longest name of a subject, in UTF-16 code units: the limit of a record's <c>subject.name</c> too.</summary>
    public const int MaxLength = 200;

    /// <summary>NFKC (full-width Latin letters and digits become ASCII) then lower-case invariant, so the match
    /// is case-insensitive and identical on SQLite and PostgreSQL (neither database folds case for us the same way).</summary>
    public static string SearchKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // A query may hold what normalisation refuses (a lone surrogate, U+FFFF): it is replaced, never thrown on.
        return UnicodeText.NormalizeLeniently(name, System.Text.NormalizationForm.FormKC).ToLowerInvariant();
    }
}

internal sealed class SubjectRowConfiguration : IEntityTypeConfiguration<SubjectRow>
{
    public void Configure(EntityTypeBuilder<SubjectRow> builder)
    {
        builder.ToTable("Subjects");
        builder.HasKey(s => s.SubjectId);
        builder.Property(s => s.SubjectId).HasMaxLength(18);
        builder.Property(s => s.Kind).HasMaxLength(16).HasConversion(new ValueConverter<SubjectKind, string>(
            v => v.Code(), v => ParseKind(v)));
        builder.Property(s => s.Name).HasMaxLength(SubjectNames.MaxLength);
        // No limit on the key: NFKC may expand a character many times over (U+FDFA becomes 18 characters).
        builder.Property(s => s.PublicId).HasMaxLength(32);
        builder.HasIndex(s => s.PublicId).IsUnique();
    }

    private static SubjectKind ParseKind(string text) =>
        EnumCodes.TryParse<SubjectKind>(text, out var kind, ignoreCase: true) ? kind : throw new InvalidOperationException($"Stored subject kind '{text}' is unknown.");
}
