using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Identifiers;
using PublicCredit.Records;
using PublicCredit.Time;

namespace PublicCredit.Profiles;

/// <summary>
/// What a staff read of a subject's profile shows (docs/catalog.md#providers-and-sharing): an item that is public now,
/// an item the caller's own department recorded or designated, and an item whose category or list type shares it with the
/// caller's role and department for the purpose the read names. Everything else is counted, not shown. The subject
/// itself, and the operator on the server's shell, see everything.
/// </summary>
internal sealed class ReadScope
{
    private readonly Caller caller;
    private readonly CreditCatalog catalog;
    private readonly string purpose;
    private readonly SubjectKind kind;
    private readonly DateTimeOffset now;
    private readonly DateOnly today;
    private readonly IReadOnlyCollection<string> individualsPublic;
    private readonly Department? department;

    private ReadScope(Caller caller, CreditCatalog catalog, string purpose, SubjectKind kind, DateTimeOffset now)
    {
        (this.caller, this.catalog, this.purpose, this.kind, this.now) = (caller, catalog, purpose, kind, now);
        today = ChinaTime.DateOf(now);
        individualsPublic = RecordPublicOn.IndividualsPublicCategories(catalog);
        department = caller.Department is { } code && catalog.Departments.TryGet(code, out var found) ? found : null;
    }

    public static ReadScope Of(Caller caller, CreditCatalog catalog, string purpose, SubjectKind kind, DateTimeOffset now) =>
        new(caller, catalog, purpose, kind, now);

    /// <summary>Whether the caller sees everything: the subject itself, or the operator.</summary>
    private bool Unbounded => caller.SubjectId is not null || caller.IsOperator;

    /// <summary>Whether the record whose current version is <paramref name="current"/> is shown.</summary>
    public bool Sees(RecordRow current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return Unbounded
            || current.IsPublicOn(today, individualsPublic)
            || Shared(catalog.Categories.TryGet(current.Category, out var category) ? category.Scope : null, current.Department);
    }

    /// <summary>Whether the designation <paramref name="row"/> is shown when read by its id: in force on a list published
    /// for its subject's kind, its department's, or shared with the caller for the purpose (ADR 0045).</summary>
    public bool Sees(DesignationRow row) => Visible([(row, SubjectDesignations.ThroughSubject)]).Count == 1;

    /// <summary>The designations shown, in their order.</summary>
    public List<(DesignationRow Row, string Through)> Visible(List<(DesignationRow Row, string Through)> designations)
    {
        if (Unbounded)
        {
            return designations;
        }

        var published = SubjectDesignations.PublicAt(designations, kind, catalog, now).Select(d => d.Id).ToHashSet();
        return [.. designations.Where(d => published.Contains(d.Row.Id)
            || Shared(catalog.ListTypes.TryGet(d.Row.ListType, out var list) ? list.Scope : null, d.Row.Department))];
    }

    private bool Shared(Scope? scope, string recordedBy) =>
        caller.Role is { } role && department is not null && scope is not null && scope.IsShared(role, department, purpose, recordedBy);
}
