using PublicCredit.Access;
using PublicCredit.Identifiers;
using System.Globalization;
using PublicCredit.Calendar;
using PublicCredit.Text;
using PublicCredit.Time;

namespace PublicCredit.Catalog;

/// <summary>Anything in the catalog addressed by a stable kebab-case code.</summary>
public interface ICatalogItem
{
    string Code { get; }

    LocalizedText Name { get; }
}

/// <summary>
/// A legal basis: a law, regulation or State Council document, and the article relied on (docs/design.md#2-no-measure-without-a-legal-basis).
/// <see cref="Law"/> is the title without 《》; <see cref="Document"/> the document number where it has one.
/// </summary>
public sealed record LegalBasis(string Law, string Article, string? Document = null, string? En = null)
{
    /// <summary>The citation as printed in Chinese documents: <c>《中华人民共和国政府采购法》第二十二条</c>.</summary>
    public override string ToString() =>
        Document is null ? $"《{Law}》{Article}" : $"《{Law}》（{Document}）{Article}";
}

public sealed record Department(string Code, LocalizedText Name, DepartmentKind Kind) : ICatalogItem;

/// <summary>
/// Why a staff member reads information that is not public (catalog.yaml <c>purposes</c>; docs/domain.md#who-records-and-who-reads):
/// a read names one of these codes, and the inquiry log keeps it beside the caller's free-text note.
/// </summary>
public sealed record Purpose(string Code, LocalizedText Name) : ICatalogItem;

/// <summary>
/// A set of departments named by code or by kind (<c>[sta, court]</c>: the tax administration and every court), as the
/// catalog's <c>providers</c> and <c>sharing</c> name them (docs/catalog.md#providers-and-sharing).
/// </summary>
public sealed record DepartmentSet
{
    public DepartmentSet(IReadOnlyList<string> entries)
    {
        Entries = entries;
        Kinds = [.. entries.Select(e => EnumCodes.TryParse<DepartmentKind>(e, out var kind) ? kind : (DepartmentKind?)null).OfType<DepartmentKind>()];
        Codes = [.. entries.Where(e => !EnumCodes.TryParse<DepartmentKind>(e, out _))];
    }

    public static DepartmentSet Empty { get; } = new([]);

    /// <summary>The entries as the catalog writes them, in order: department codes and department kinds.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>The entries that are department codes.</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>The entries that are department kinds (<c>government</c>, <c>court</c>, <c>non-government</c>).</summary>
    public IReadOnlyList<DepartmentKind> Kinds { get; }

    public bool IsEmpty => Entries.Count == 0;

    /// <summary>Whether an entry is a department kind rather than a department code.</summary>
    public static bool IsKind(string entry) => EnumCodes.TryParse<DepartmentKind>(entry, out _);

    public bool Includes(Department department)
    {
        ArgumentNullException.ThrowIfNull(department);
        return Codes.Contains(department.Code, StringComparer.Ordinal) || Kinds.Contains(department.Kind);
    }

    public override string ToString() => string.Join(", ", Entries);
}

/// <summary>
/// One sharing rule of a category or list type: staff of <see cref="Roles"/> in <see cref="Departments"/> may read its
/// non-public items for one of <see cref="Purposes"/> (docs/catalog.md#providers-and-sharing).
/// </summary>
public sealed record SharingRule(IReadOnlyList<Role> Roles, DepartmentSet Departments, IReadOnlyList<string> Purposes)
{
    public bool Allows(Role role, Department department, string purpose) =>
        Roles.Contains(role) && Departments.Includes(department) && Purposes.Contains(purpose, StringComparer.Ordinal);
}

/// <summary>Who records an item and who reads it when it is not public (docs/catalog.md#providers-and-sharing).</summary>
public sealed record Scope(DepartmentSet Providers, IReadOnlyList<SharingRule> Sharing)
{
    public static Scope Nobody { get; } = new(DepartmentSet.Empty, []);

    /// <summary>Whether <paramref name="department"/> may record (or propose) the item.</summary>
    public bool IsProvidedBy(Department department) => Providers.Includes(department);

    /// <summary>
    /// Whether staff of <paramref name="role"/> in <paramref name="department"/>, reading for <paramref name="purpose"/>, may
    /// see a non-public item that <paramref name="recordedBy"/> recorded: the recording department always sees its own.
    /// </summary>
    public bool IsShared(Role role, Department department, string purpose, string recordedBy) =>
        string.Equals(department.Code, recordedBy, StringComparison.Ordinal) || Sharing.Any(rule => rule.Allows(role, department, purpose));
}

/// <summary>An approval or service procedure in which the embedded check runs (docs/domain.md#joint-measures).</summary>
public sealed record Matter(string Code, LocalizedText Name, string ApprovingDepartment) : ICatalogItem;

/// <summary>How long records of one grade of a negative category are public (docs/domain.md#publicity-periods).</summary>
/// <param name="Published">False for grades that are never published (minor information by default).</param>
/// <param name="Min">The shortest publicity a department may set; restoration is possible only after it.</param>
/// <param name="Default">The publicity applied when a record does not set its own.</param>
/// <param name="Max">The longest publicity allowed.</param>
/// <param name="EarliestRestoration">The earliest time after the decision at which restoration may be granted.</param>
public sealed record GradePublicity(
    bool Published,
    IsoDuration Min,
    IsoDuration Default,
    IsoDuration Max,
    IsoDuration? EarliestRestoration)
{
    public static GradePublicity NotPublished { get; } = new(false, IsoDuration.Zero, IsoDuration.Zero, IsoDuration.Zero, null);
}

/// <summary>
/// Publicity of a category: per grade for negative categories; a default period, or "while the underlying
/// decision is valid", for neutral and positive ones.
/// </summary>
public sealed record Publicity(
    IReadOnlyDictionary<NegativeGrade, GradePublicity> Grades,
    IsoDuration? Default,
    bool WhileValid);

public sealed record Category(
    string Code,
    LocalizedText Name,
    int NationalItem,
    string? Parent,
    DataClass DataClass,
    IReadOnlyList<SubjectKind> Subjects,
    bool IndividualsPublic,
    Polarity Polarity,
    Publicity Publicity,
    IReadOnlyList<LegalBasis> LegalBasis) : ICatalogItem
{
    /// <summary>Who records the category and who reads its non-public records (docs/catalog.md#providers-and-sharing).</summary>
    public Scope Scope { get; init; } = Scope.Nobody;
}

/// <summary>The published standard a list is designated by (the NDRC 2020 draft opinions §(7): ≥ 30 days of public comment).</summary>
public sealed record DesignationStandard(
    string Document,
    string Title,
    DateOnly Published,
    DateOnly Effective,
    int CommentPeriodDays);

/// <summary>Removal without an application, e.g. within 3 working days once a defaulter has paid (docs/domain.md#lists).</summary>
public sealed record AutomaticRemoval(RemovalTrigger Trigger, WorkingDays Within);

public sealed record ListType(
    string Code,
    LocalizedText Name,
    ListKind Kind,
    string Category,
    IReadOnlyList<string> DesignatingDepartments,
    IReadOnlyList<LegalBasis> LegalBasis,
    DesignationStandard DesignationStandard,
    IsoDuration DefaultTerm,
    IsoDuration MaxTerm,
    IReadOnlyList<LegalBasis> TermLegalBasis,
    WorkingDays ObjectionWindow,
    MeasureSeverity MaxMeasureSeverity,
    IReadOnlyList<SubjectKind> SubjectKinds,
    bool ReachesResponsiblePersons,
    AutomaticRemoval? AutomaticRemoval,
    RedEligibility? Eligibility = null) : ICatalogItem
{
    /// <summary>Who proposes entries and who reads entries that are not public (docs/catalog.md#providers-and-sharing).</summary>
    public Scope Scope { get; init; } = Scope.Nobody;

    /// <summary>What each entry of the list states beyond the designation's own fields, in the order published
    /// (docs/catalog.md#entry-fields; ADR 0043): e.g. the court's case number for a judgment defaulter.</summary>
    public IReadOnlyList<EntryField> EntryFields { get; init; } = [];

    /// <summary>Where an entry that lasts too long is suggested next (docs/catalog.md#escalation; ADR 0043), or null.</summary>
    public Escalation? Escalation { get; init; }
}

/// <summary>
/// An entry in force longer than <see cref="After"/> is suggested to the designating department for list
/// <see cref="To"/> (docs/catalog.md#escalation): abnormal operations for more than three years → serious
/// untrustworthy (Regulations on Enterprise Information Disclosure art. 17 ¶2). Never applied automatically.
/// </summary>
public sealed record Escalation(IsoDuration After, string To);

/// <summary>
/// One field a list type's entries carry (docs/catalog.md#entry-fields; ADR 0043): a proposal for the list states it
/// (when <see cref="Required"/>) in at most <see cref="MaxLength"/> UTF-16 code units; it is stored with the
/// designation and, when <see cref="Public"/>, shown on the public profile's and the public list's entry.
/// </summary>
public sealed record EntryField(string Code, LocalizedText Name, bool Required, int MaxLength, bool Public)
{
    /// <summary>The longest an entry field may be declared: the length of a designation's facts.</summary>
    public const int MaxLengthLimit = 10_000;
}

/// <summary>
/// Whom a red list admits (ADR 0042; docs/catalog.md): a red entry is proposed, decided and confirmed only for a
/// subject that has no effective black entry (its own, or one of an organisation that reaches it as a responsible
/// person) and, where <see cref="NoSeriousNegativeWithin"/> is set, no serious negative record decided within that
/// period. A black entry taking effect suspends the subject's red entries (<c>suspended-by-conflict</c>) and the red
/// list's department must revoke or confirm each within <see cref="ConflictReview"/>.
/// </summary>
public sealed record RedEligibility(bool NoEffectiveBlack, IsoDuration? NoSeriousNegativeWithin, WorkingDays ConflictReview)
{
    /// <summary>The revoke-or-confirm period when the catalog names none: as long as an objection review (ADR 0042).</summary>
    public static readonly WorkingDays DefaultConflictReview = new(10);
}

/// <summary>
/// Marks the GF〔2016〕33 §(4) green channel: granted to subjects of <see cref="SubjectKinds"/> with no negative
/// record and no black-list designation within <see cref="CleanPeriod"/> before the check, and whose history the
/// platform has known for at least that period — since its first record or entry, or since the date of
/// establishment that a record of one of the <see cref="EstablishedBy"/> categories carries as its decision date
/// (docs/domain.md#record-fields, docs/checks.md).
/// </summary>
public sealed record GreenChannel(IsoDuration CleanPeriod, IReadOnlyList<SubjectKind> SubjectKinds, IReadOnlyList<string> EstablishedBy);

public sealed record Measure(
    string Code,
    LocalizedText Name,
    MeasureKind Kind,
    MeasureSeverity Severity,
    Binding Binding,
    IReadOnlyList<LegalBasis> LegalBasis,
    string ImplementingDepartment,
    IReadOnlyList<string> Matters,
    bool ReachesResponsiblePersons,
    GreenChannel? GreenChannel) : ICatalogItem;

/// <summary>The document a memorandum of cooperation was issued with (its legal basis).</summary>
public sealed record MemorandumDocument(string Number, string Title, DateOnly Date);

public sealed record Memorandum(
    string Code,
    LocalizedText Name,
    MemorandumDocument Document,
    IReadOnlyList<string> Departments,
    IReadOnlyList<string> ListTypes,
    IReadOnlyList<string> Measures) : ICatalogItem;

/// <summary>
/// The identity of a loaded catalog: the version its author declared plus a SHA-256 over every catalog file's
/// bytes in file-name order, so an edit that forgot to bump <see cref="Declared"/> still changes the identity.
/// </summary>
public sealed record CatalogVersion(string Declared, string ContentHash)
{
    /// <summary><c>2026.1+3f9a0c1d2e4b</c>: the declared version and the first 12 hex digits of the hash.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Declared}+{ContentHash[..Math.Min(12, ContentHash.Length)]}");
}
