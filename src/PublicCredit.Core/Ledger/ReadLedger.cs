using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Inquiries;
using PublicCredit.Storage;
using PublicCredit.Subjects;

namespace PublicCredit.Ledger;

/// <summary>One ledger event as an auditor reads it: resident ID numbers masked wherever they stand (ADR 0039).</summary>
public sealed record LedgerEventView(
    long Position,
    string Type,
    DateTimeOffset OccurredAt,
    string Actor,
    string? Department,
    string? Subject,
    JsonNode? Payload,
    string PreviousHash,
    string Hash);

/// <summary>A page of the ledger; read on with <c>after=</c><see cref="Next"/>.</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerEventView> Events, long Next);

/// <summary>
/// The raw ledger, page by page in position order (docs/api.md#ledger <c>GET /api/v1/ledger</c>; auditors). The ledger names
/// individuals — subjects, responsible persons, statements — so reading it is an inquiry like any other read of their
/// data (docs/domain.md#personal-information, docs/design.md#7-privacy-by-default; docs/design.md#edges-public-limits-and-audit-reads): the auditor gives a purpose, every resident ID number in the page
/// is masked, and one inquiry per subject the page names (the event's subject and every individual found in a
/// payload) is durable before the page is answered, so each subject sees the audit read in "who looked at me".
/// The hashes are those of the stored, unmasked events: the chain is proved by <see cref="VerifyLedger"/>, on the server.
/// </summary>
public sealed class ReadLedger(PublicCreditDbContext db, CreditCatalog catalog, InquiryLog inquiries)
{
    public const string Endpoint = "GET /api/v1/ledger";
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public async Task<LedgerPage> RunAsync(Caller caller, string? after, string? limit, string? purpose, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Role.Auditor);
        var from = 0L;
        if (!string.IsNullOrWhiteSpace(after)
            && !long.TryParse(after.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out from))
        {
            throw DomainException.Invalid("after", SubjectProblemCodes.AfterInvalid, "after is a ledger position: a whole number ≥ 0.");
        }

        var take = DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit)
            && (!int.TryParse(limit.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxLimit))
        {
            throw DomainException.Invalid("limit", SubjectProblemCodes.LimitOutOfRange, $"limit must be between 1 and {MaxLimit}.");
        }

        var why = InquiryPurpose.Require(caller, catalog, purpose, note);
        var rows = await db.LedgerEvents.AsNoTracking()
            .Where(e => e.Position > from)
            .OrderBy(e => e.Position)
            .Take(take)
            .ToListAsync(cancellationToken);

        var named = new HashSet<string>(StringComparer.Ordinal);
        var events = new List<LedgerEventView>(rows.Count);
        foreach (var e in rows)
        {
            if (e.Subject is { Length: > 0 } subject)
            {
                named.Add(subject);
            }

            events.Add(new LedgerEventView(
                e.Position, e.Type, e.OccurredAt,
                ResidentIdMasking.Mask(e.Actor, named),
                e.Department,
                e.Subject is null ? null : ResidentIdMasking.Mask(e.Subject, named),
                ResidentIdMasking.Mask(JsonNode.Parse(e.Payload), named),
                e.PreviousHash, e.Hash));
        }

        if (rows.Count > 0)
        {
            // Durable before the page is answered, like every inquiry (docs/design.md#inquiry-log-on-the-hot-path).
            var returned = string.Create(CultureInfo.InvariantCulture, $"ledger events {rows[0].Position}..{rows[^1].Position}");
            await Task.WhenAll(named
                .Where(s => SubjectId.TryParse(s, DateOnly.MaxValue, out _))
                .Select(s => inquiries.RecordAsync(caller, s, why, Endpoint, returned, cancellationToken)));
        }

        return new LedgerPage(events, rows.Count == 0 ? from : rows[^1].Position);
    }
}
