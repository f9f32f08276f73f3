using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Inquiries;
using PublicCredit.Storage;
using PublicCredit.Subjects;
using PublicCredit.Time;

namespace PublicCredit.Profiles;

/// <summary>One page of a public search (docs/api.md): <see cref="Total"/> matches in all, <see cref="Page"/> counted
/// from 1. Matches are counted up to <see cref="SearchPublicSubjects.TotalCap"/>; beyond it <see cref="Total"/> is the
/// cap and <see cref="TotalIsLowerBound"/> is true (a page shows "1,000+"; ADR 0046).</summary>
public sealed record PublicSearchPage(IReadOnlyList<PublicSubjectView> Items, int Total, bool TotalIsLowerBound, int Page, int PageSize);

/// <summary>
/// Public search (docs/api.md#subjects-and-public-views <c>GET /api/v1/public/subjects?q=&amp;page=</c>): subjects with something public at the time
/// of the request (a public record or an effective list entry, the rules of the public profile), by a name substring (case-insensitive, <see cref="SubjectNames.SearchKey"/>) or by an exact
/// code — a USCC or resident ID (normalised) or a public id. A subject with nothing public is never a match, so a
/// search cannot tell whether the platform holds private data about someone. Results are ordered by name.
/// Staff may search a past moment (<c>?asOf=</c>) with a purpose; each subject returned is then an inquiry.
/// </summary>
public sealed class SearchPublicSubjects(PublicCreditDbContext db, CreditCatalog catalog, InquiryLog inquiries, TimeProvider clock)
{
    public const int PageSize = 20;
    public const int MaxQueryLength = 200;

    /// <summary>
    /// A name search needs this many characters (text elements: one Chinese character is one): a single letter
    /// matches most of the table and serves only a crawler (docs/design.md#edges-public-limits-and-audit-reads; ADR 0038). Codes are exact and unaffected.
    /// </summary>
    public const int MinNameLength = 2;

    /// <summary>Deep pages are for crawlers, not people; the bound keeps OFFSET cheap.</summary>
    public const int MaxPage = 500;

    public const string Endpoint = "GET /api/v1/public/subjects?asOf";

    /// <summary>Name matches are counted up to this many, ten pages (ADR 0046): each one counted costs a visibility test.</summary>
    public const int TotalCap = 200;

    /// <summary>How many index rows of each of the query's bigrams are counted to pick the rarest one to read.</summary>
    private const int GramProbe = 2_000;

    /// <summary>Bigrams of a long query probed at most: any one of them finds every match.</summary>
    private const int GramsProbed = 8;

    public async Task<PublicSearchPage> RunAsync(
        Caller caller, string? query, string? page, string? asOf, string? purpose, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var moment = PublicMoment.For(caller, asOf, clock);
        var q = query?.Trim() ?? string.Empty;
        if (q.Length == 0)
        {
            throw DomainException.Invalid("q", SubjectProblemCodes.QueryMissing, "Search with ?q= and a name (or part of one) or a code.");
        }

        if (q.Length > MaxQueryLength)
        {
            throw DomainException.Invalid("q", SubjectProblemCodes.QueryTooLong, $"A search has at most {MaxQueryLength} characters.");
        }

        var number = PageNumbers.Parse(page, MaxPage);
        var why = moment.IsNow ? null : InquiryPurpose.Require(caller, catalog, purpose, note);

        var visible = db.Records.AsNoTracking().PublicAt(moment, catalog, db.Objections);
        var listed = db.Designations.AsNoTracking().PublishedAt(catalog, moment.Instant);
        List<SubjectRow> found;
        int counted;
        IQueryable<SubjectRow>? exact = null;
        if (SubjectId.TryParse(q, ChinaTime.Today(clock), out var code))
        {
            var value = code.Value;
            exact = db.Subjects.AsNoTracking().Where(s => s.SubjectId == value);
        }
        else if (PublicSubjectId.TryNormalise(q, out var publicId))
        {
            exact = db.Subjects.AsNoTracking().Where(s => s.PublicId == publicId);
        }

        if (exact is not null)
        {
            // An exact code: at most one subject, read by its key.
            var matches = exact.Where(s => visible.Any(r => r.SubjectId == s.SubjectId) || listed.Any(d => d.SubjectId == s.SubjectId));
            found = await matches.Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
            // The first page holds the one match there can be; a later page is empty and says how many there were.
            counted = number == 1 ? found.Count : await matches.CountAsync(cancellationToken);
        }
        else
        {
            if (new StringInfo(q).LengthInTextElements < MinNameLength)
            {
                throw DomainException.Invalid("q", SubjectProblemCodes.QueryTooShort, $"A name search needs at least {MinNameLength} characters.");
            }

            var key = SubjectNames.SearchKey(q);
            // A key of one code point after folding has no bigram: no name can be matched by it alone.
            var gram = await RarestGramAsync(SubjectNameGrams.Of(key), cancellationToken) ?? "";
            // The index's rows of one bigram of the query, read in result order; the whole key is then matched on the
            // subject (a two-code-point query is its own bigram), and the public profile's rule decides at this moment.
            var rows = db.SubjectNameGrams.AsNoTracking().Where(g => g.Gram == gram)
                .Join(db.Subjects.AsNoTracking(), g => g.SubjectId, s => s.SubjectId, (g, s) => new { g.SortKey, g.PublicId, Subject = s });
            if (SubjectNameGrams.CodePoints(key) > 2)
            {
                rows = rows.Where(x => x.Subject.NameKey.Contains(key));
            }

            rows = rows.Where(x => visible.Any(r => r.SubjectId == x.Subject.SubjectId) || listed.Any(d => d.SubjectId == x.Subject.SubjectId));
            found = await rows
                .OrderBy(x => x.SortKey)
                .ThenBy(x => x.PublicId)
                .Skip((number - 1) * PageSize)
                .Take(PageSize)
                .Select(x => x.Subject)
                .ToListAsync(cancellationToken);
            // Counting stops at the cap, or at the end of this page past it (ADR 0046): each further match costs a
            // visibility test, and a person refines the query rather than paging that far.
            counted = found.Count < PageSize && (found.Count > 0 || number == 1)
                ? ((number - 1) * PageSize) + found.Count
                : await rows.Take(CountLimit(number) + 1).CountAsync(cancellationToken);
        }

        if (why is not null)
        {
            var returned = string.Create(CultureInfo.InvariantCulture, $"public search as of {moment.Instant:O}");
            await Task.WhenAll(found.Select(s => inquiries.RecordAsync(caller, s.SubjectId, why, Endpoint, returned, cancellationToken)));
        }

        var limit = CountLimit(number);
        return new PublicSearchPage([.. found.Select(PublicSubjectView.From)], Math.Min(counted, limit), counted > limit, number, PageSize);
    }

    /// <summary>How far matches are counted for page <paramref name="number"/>: the cap, or this page's last match when
    /// the page lies beyond it, so a total never reads less than the page shows.</summary>
    public static int CountLimit(int number) => Math.Max(TotalCap, number * PageSize);

    /// <summary>The bigram with the fewest index rows (counted up to <see cref="GramProbe"/>, all in one statement):
    /// every match holds each bigram of the query, so reading the rarest one's rows finds them all and reads the fewest
    /// others.</summary>
    private async Task<string?> RarestGramAsync(IReadOnlyList<string> grams, CancellationToken cancellationToken)
    {
        if (grams.Count <= 1)
        {
            return grams.Count == 0 ? null : grams[0];
        }

        var probed = grams.Take(GramsProbed).ToList();
        var sql = string.Join(" UNION ALL ", probed.Select((_, i) => string.Create(CultureInfo.InvariantCulture,
            $"SELECT {i} AS \"Index\", count(*) AS \"Rows\" FROM (SELECT 1 AS one FROM subject_name_grams WHERE gram = {{{i}}} LIMIT {GramProbe}) AS g{i}")));
        var counts = await db.Database.SqlQueryRaw<GramRows>(sql, [.. probed]).ToListAsync(cancellationToken);
        return probed[counts.OrderBy(c => c.Rows).ThenBy(c => c.Index).First().Index];
    }

    /// <summary>One row of the probe: the bigram's place in the query and its index rows, counted up to the probe's limit.</summary>
    private sealed class GramRows
    {
        public int Index { get; init; }

        public long Rows { get; init; }
    }
}
