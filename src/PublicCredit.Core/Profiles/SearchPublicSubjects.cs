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

/// <summary>One page of a public search (docs/api.md): <see cref="Total"/> matches in all, <see cref="Page"/> counted from 1.</summary>
public sealed record PublicSearchPage(IReadOnlyList<PublicSubjectView> Items, int Total, int Page, int PageSize);

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
        var matches = db.Subjects.AsNoTracking()
            .Where(s => visible.Any(r => r.SubjectId == s.SubjectId) || listed.Any(d => d.SubjectId == s.SubjectId));
        if (SubjectId.TryParse(q, ChinaTime.Today(clock), out var code))
        {
            var value = code.Value;
            matches = matches.Where(s => s.SubjectId == value);
        }
        else if (PublicSubjectId.TryNormalise(q, out var publicId))
        {
            matches = matches.Where(s => s.PublicId == publicId);
        }
        else
        {
            if (new StringInfo(q).LengthInTextElements < MinNameLength)
            {
                throw DomainException.Invalid("q", SubjectProblemCodes.QueryTooShort, $"A name search needs at least {MinNameLength} characters.");
            }

            var key = SubjectNames.SearchKey(q);
            matches = matches.Where(s => s.NameKey.Contains(key));
        }

        var total = await matches.CountAsync(cancellationToken);
        var found = await matches
            .OrderBy(s => s.NameKey)
            .ThenBy(s => s.PublicId)
            .Skip((number - 1) * PageSize)
            .Take(PageSize)
            .ToListAsync(cancellationToken);

        if (why is not null)
        {
            var returned = string.Create(CultureInfo.InvariantCulture, $"public search as of {moment.Instant:O}");
            await Task.WhenAll(found.Select(s => inquiries.RecordAsync(caller, s.SubjectId, why, Endpoint, returned, cancellationToken)));
        }

        return new PublicSearchPage([.. found.Select(PublicSubjectView.From)], total, number, PageSize);
    }
}
