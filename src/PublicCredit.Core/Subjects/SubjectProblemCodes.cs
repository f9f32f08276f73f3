using PublicCredit.Errors;

namespace PublicCredit.Subjects;

/// <summary>The stable kebab-case codes of profile, search and changes problems (docs/subjects.md, docs/changes.md).</summary>
[ProblemCatalogue("subjects")]
public static class SubjectProblemCodes
{
    [Problem(404, "Nothing is public about this subject.")]
    public const string NotFound = "subject-not-found";
    [Problem(404, "There is no such list type in the catalog.")]
    public const string ListTypeNotFound = "list-type-not-found";
    [Problem(422, "Search with ?q= and a name (or part of one) or a code.", Field = "q")]
    public const string QueryMissing = "query-missing";
    [Problem(422, "A search has at most … characters.", Field = "q")]
    public const string QueryTooLong = "query-too-long";
    [Problem(422, "A name search needs at least … characters.", Field = "q")]
    public const string QueryTooShort = "query-too-short";
    [Problem(422, "limit is a whole number from 1 to ….", Field = "limit")]
    public const string LimitOutOfRange = "limit-out-of-range";
    [Problem(422, "after is a ledger position: a whole number ≥ 0.", Field = "after")]
    public const string AfterInvalid = "after-invalid";
    [Problem(422, "region is an administrative division code of 2, 4 or 6 digits.", Field = "region")]
    public const string ListRegionInvalid = "list-region-invalid";
    [Problem(422, "department is not a department of the catalog.", Field = "department")]
    public const string ListDepartmentUnknown = "list-department-unknown";
    [Problem(422, "from and to are dates YYYY-MM-DD, to not before from.")]
    public const string ListDateInvalid = "list-date-invalid";

    [Problem(422, "asOf is a date YYYY-MM-DD or an instant with an offset, e.g. 2026-11-23T09:00:00+08:00.")]
    public const string AsOfInvalid = "as-of-invalid";
    [Problem(422, "asOf may not be after now: a view of the future would be a guess.")]
    public const string AsOfInFuture = "as-of-in-future";
}
