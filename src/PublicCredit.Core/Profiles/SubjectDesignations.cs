using Microsoft.EntityFrameworkCore;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Identifiers;
using PublicCredit.Storage;
using PublicCredit.Text;

namespace PublicCredit.Profiles;

/// <summary>A designation as a profile lists it: the subject's own, or one that reaches it as a responsible person.</summary>
public sealed record DesignationSummary(
    Guid Id,
    string ListType,
    LocalizedText ListName,
    string Kind,
    string Department,
    string Status,
    string Through,
    DateOnly ObjectionDeadline,
    string? DecisionDocument,
    DateTimeOffset? EffectiveFrom,
    DateTimeOffset? ExpiresAt);

/// <summary>A measure in force on the subject now, with what makes it apply (docs/design.md#2-no-measure-without-a-legal-basis: its legal basis).</summary>
public sealed record CurrentMeasure(
    string Measure,
    LocalizedText Name,
    string Kind,
    string Binding,
    IReadOnlyList<string> LegalBasis,
    string ListType,
    Guid DesignationId,
    string Memorandum,
    string ImplementingDepartment,
    string Through,
    IReadOnlyList<string> Matters);

/// <summary>An effective list entry as the public sees it: the decision summary, no personal data beyond the profile's.</summary>
public sealed record PublicDesignationView(
    Guid Id,
    string ListType,
    LocalizedText ListName,
    string Kind,
    string Department,
    string DecisionDocument,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset ExpiresAt,
    PublicDesignationBasis? Basis = null,
    IReadOnlyList<PublicEntryField>? EntryFields = null);

/// <summary>
/// An entry field the list publishes (docs/catalog.md#entry-fields; ADR 0043), with its catalog name. Resident ID numbers
/// written in the text are masked as everywhere in public views (<c>1101**********002X</c>).
/// </summary>
public sealed partial record PublicEntryField(string Code, LocalizedText Name, string Value)
{
    /// <summary>The public fields of a stored entry, in catalog order; null when the list declares none.</summary>
    internal static IReadOnlyList<PublicEntryField>? Of(string? stored, ListType? list)
    {
        if (stored is null || list is null || list.EntryFields.Count == 0)
        {
            return null;
        }

        var values = System.Text.Json.Nodes.JsonNode.Parse(stored)!.AsObject();
        return [.. list.EntryFields
            .Where(f => f.Public && values[f.Code] is not null)
            .Select(f => new PublicEntryField(f.Code, f.Name, MaskIdentityNumbers(values[f.Code]!.GetValue<string>())))];
    }

    private static string MaskIdentityNumbers(string text) => ResidentIdNumber().Replace(text, m =>
        ResidentId.TryParse(m.Value, DateOnly.MaxValue, out var id) ? id.Masked : m.Value);

    [System.Text.RegularExpressions.GeneratedRegex("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")]
    private static partial System.Text.RegularExpressions.Regex ResidentIdNumber();
}

/// <summary>A public link to a record an entry rests on: the record's card on its subject's public profile.</summary>
public sealed record PublicBasisLink(Guid Id, string Href);

/// <summary>
/// The records a public entry rests on (ADR 0043): links to those the public sees at the moment; the others — not
/// published, their period over, withdrawn or restored — only counted in <see cref="NotPublic"/>, never linked or described.
/// </summary>
public sealed record PublicDesignationBasis(IReadOnlyList<PublicBasisLink> Records, int NotPublic)
{
    /// <summary>Null when the designation names no basis records.</summary>
    internal static PublicDesignationBasis? Of(IReadOnlyList<Guid> basis, IReadOnlySet<Guid> publicRecords, string publicSubjectId)
    {
        if (basis.Count == 0)
        {
            return null;
        }

        var links = basis.Where(publicRecords.Contains).Select(id => new PublicBasisLink(id, Href(publicSubjectId, id))).ToList();
        return new PublicDesignationBasis(links, basis.Count - links.Count);
    }

    /// <summary>The record's card on the public profile page (<c>/public/subjects/{id}#record-{recordId}</c>).</summary>
    public static string Href(string publicSubjectId, Guid recordId) =>
        $"/public/subjects/{Uri.EscapeDataString(publicSubjectId)}#record-{recordId}";
}

/// <summary>
/// The designations a subject is on or reached by, and the measures they put in force — shared by the staff and
/// public profiles so both apply the one life-cycle rule (<see cref="DesignationInForce"/>).
/// </summary>
internal static class SubjectDesignations
{
    public const string ThroughSubject = "subject";
    public const string ThroughResponsiblePerson = "responsible-person";

    public static async Task<List<(DesignationRow Row, string Through)>> LoadAsync(
        PublicCreditDbContext db, string subjectId, CancellationToken cancellationToken)
    {
        var own = await db.Designations.AsNoTracking().Where(d => d.SubjectId == subjectId).ToListAsync(cancellationToken);
        var reachingIds = db.ResponsiblePersons.Where(p => p.ResidentId == subjectId).Select(p => p.DesignationId);
        var reaching = await db.Designations.AsNoTracking().Where(d => reachingIds.Contains(d.Id)).ToListAsync(cancellationToken);
        return
        [
            .. own.Select(d => (d, ThroughSubject)),
            .. reaching.Select(d => (d, ThroughResponsiblePerson)),
        ];
    }

    public static DesignationSummary Summary(DesignationRow row, string through, CreditCatalog catalog, DateTimeOffset now)
    {
        var list = catalog.ListTypes.TryGet(row.ListType, out var l) ? l : null;
        return new DesignationSummary(row.Id, row.ListType, list?.Name ?? new LocalizedText(row.ListType, row.ListType),
            KindCode(list), row.Department, (row.State.StatusAt(now)).Code(), through, row.ObjectionDeadline,
            row.DecisionDocument, row.EffectiveFrom, row.ExpiresAt);
    }

    /// <summary>The measures the catalog's memoranda attach to the enforced designations; a responsible person is reached only by measures that reach persons.</summary>
    public static IEnumerable<CurrentMeasure> MeasuresInForce(
        IEnumerable<(DesignationRow Row, string Through)> designations, CreditCatalog catalog, DateTimeOffset now)
    {
        var all = designations.ToList();
        // No incentive beside an effective black entry (ADR 0042), as the check answers.
        var blackInForce = BlackInForce(all, catalog, now);
        foreach (var (row, through) in all)
        {
            if (!row.IsInForceAt(now) || !catalog.ListTypes.TryGet(row.ListType, out var list) || (blackInForce && list.Kind == ListKind.Red))
            {
                continue;
            }

            foreach (var memorandum in catalog.MemorandaFor(row.ListType))
            {
                foreach (var code in memorandum.Measures)
                {
                    var measure = catalog.Measures[code];
                    if (through == ThroughResponsiblePerson && !(measure.ReachesResponsiblePersons && list.ReachesResponsiblePersons))
                    {
                        continue;
                    }

                    yield return new CurrentMeasure(measure.Code, measure.Name, measure.Kind.Code(),
                        measure.Binding.Code(), [.. measure.LegalBasis.Select(b => b.ToString())],
                        row.ListType, row.Id, memorandum.Code, measure.ImplementingDepartment, through, measure.Matters);
                }
            }
        }
    }

    /// <summary>
    /// What the public sees: the subject's own effective entries in force at the moment; an individual's only where
    /// the list's category publishes individuals (docs/design.md#7-privacy-by-default); entries through responsible persons never.
    /// </summary>
    /// <paramref name="publicRecords"/> are the subject's records the public sees at the moment, and
    /// <paramref name="publicSubjectId"/> its public id: with them each entry links the basis records the public may
    /// open (ADR 0043); without them (scope checks that only need the ids) no basis is shown.
    /// <remarks>A red entry is never shown beside a black one in force — the subject's own or one reaching it as a
    /// responsible person (ADR 0042): the conflict sets the red entry aside, and this view holds to it regardless.</remarks>
    public static List<PublicDesignationView> PublicAt(
        IEnumerable<(DesignationRow Row, string Through)> designations, SubjectKind kind, CreditCatalog catalog, DateTimeOffset moment,
        IReadOnlySet<Guid>? publicRecords = null, string? publicSubjectId = null)
    {
        var all = designations.ToList();
        var blackInForce = BlackInForce(all, catalog, moment);
        return PublicAt(all, kind, catalog, moment, blackInForce, publicRecords, publicSubjectId);
    }

    /// <summary>Whether any of the designations is a black entry in force at <paramref name="moment"/>.</summary>
    public static bool BlackInForce(IEnumerable<(DesignationRow Row, string Through)> designations, CreditCatalog catalog, DateTimeOffset moment) =>
        designations.Any(d => d.Row.IsInForceAt(moment) && catalog.ListTypes.TryGet(d.Row.ListType, out var list) && list.Kind == ListKind.Black);

    private static List<PublicDesignationView> PublicAt(
        List<(DesignationRow Row, string Through)> designations, SubjectKind kind, CreditCatalog catalog, DateTimeOffset moment, bool blackInForce,
        IReadOnlySet<Guid>? publicRecords, string? publicSubjectId) =>
        [.. designations
            .Where(d => d.Through == ThroughSubject && d.Row.IsInForceAt(moment))
            .Where(d => !(blackInForce && catalog.ListTypes.TryGet(d.Row.ListType, out var red) && red.Kind == ListKind.Red))
            .Where(d => catalog.ListTypes.TryGet(d.Row.ListType, out var list)
                && (kind == SubjectKind.Organisation || (catalog.Categories.TryGet(list.Category, out var category) && category.IndividualsPublic)))
            .Select(d => new PublicDesignationView(d.Row.Id, d.Row.ListType, catalog.ListTypes[d.Row.ListType].Name,
                KindCode(catalog.ListTypes[d.Row.ListType]), d.Row.Department, d.Row.DecisionDocument!, d.Row.EffectiveFrom!.Value, d.Row.ExpiresAt!.Value,
                publicRecords is null || publicSubjectId is null ? null : PublicDesignationBasis.Of(d.Row.BasisRecordIds, publicRecords, publicSubjectId),
                PublicEntryField.Of(d.Row.EntryFieldsJson, catalog.ListTypes[d.Row.ListType])))];

    /// <summary>
    /// <see cref="PublicAt"/> as a query, for the public search: the subjects whose own entries the public sees at
    /// <paramref name="moment"/> (translated to SQL on both providers). The two must agree — a test compares them.
    /// </summary>
    public static IQueryable<DesignationRow> PublishedAt(this IQueryable<DesignationRow> rows, CreditCatalog catalog, DateTimeOffset moment)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var anyList = catalog.ListTypes.Select(l => l.Code).ToList();
        var individualsLists = catalog.ListTypes
            .Where(l => catalog.Categories.TryGet(l.Category, out var category) && category.IndividualsPublic)
            .Select(l => l.Code)
            .ToList();
        return rows.Where(DesignationInForce.At(moment)).Where(d =>
            (d.SubjectKind == SubjectKind.Organisation ? anyList.Contains(d.ListType) : individualsLists.Contains(d.ListType)));
    }

    private static string KindCode(ListType? list) => (list?.Kind ?? ListKind.Black).Code();
}
