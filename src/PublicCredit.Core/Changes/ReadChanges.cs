using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Ledger;
using PublicCredit.Objections;
using PublicCredit.Records;
using PublicCredit.Storage;
using PublicCredit.Subjects;

namespace PublicCredit.Changes;

/// <summary>The item types of the changes feed (docs/changes.md).</summary>
public static class ChangeTypes
{
    /// <summary>A record version became public: created, or corrected into a published version within its period.</summary>
    public const string RecordPublished = "record-published";

    /// <summary>A version that was announced public is public no more: its period ended, or a correction ended or unpublished it.</summary>
    public const string RecordWithdrawn = "record-withdrawn";

    /// <summary>A record that is or was published got a new version (re-read it).</summary>
    public const string RecordCorrected = "record-corrected";

    /// <summary>A designation became effective: its measures apply from its effective instant (re-screen the subject).</summary>
    public const string DesignationEffective = "designation-effective";

    /// <summary>A designation was revoked: its measures no longer apply.</summary>
    public const string DesignationRevoked = "designation-revoked";

    /// <summary>An objection suspended an effective designation: its measures do not apply while it is reviewed (ADR 0013).</summary>
    public const string DesignationSuspended = "designation-suspended";

    /// <summary>The objection was rejected: the suspended designation is in force again.</summary>
    public const string DesignationReinstated = "designation-reinstated";

    /// <summary>An objection suspended a public record: stop showing it until it is reinstated (ADR 0013).</summary>
    public const string RecordSuspended = "record-suspended";

    /// <summary>The objection was rejected: the suspended record is public again.</summary>
    public const string RecordReinstated = "record-reinstated";

    /// <summary>A restoration was granted: the designation's measures and publication stopped at once (ADR 0014).</summary>
    public const string DesignationRestored = "designation-restored";

    /// <summary>Removed once the obligation was performed (catalog automaticRemoval; ADR 0014).</summary>
    public const string DesignationRemoved = "designation-removed";

    /// <summary>A restoration was granted: the record's publication stopped at once (ADR 0014).</summary>
    public const string RecordRestored = "record-restored";

    /// <summary>An effective designation's term ended: its measures no longer apply (announced within a minute; ADR 0044).</summary>
    public const string DesignationExpired = "designation-expired";

    /// <summary>A black entry took effect beside a red one: the red one is set aside, no incentive applies (ADR 0042).</summary>
    public const string DesignationSuspendedByConflict = "designation-suspended-by-conflict";

    /// <summary>Every item type, as subscriptions name the changes they want delivered (ADR 0052).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        RecordPublished, RecordWithdrawn, RecordCorrected, RecordSuspended, RecordReinstated, RecordRestored,
        DesignationEffective, DesignationSuspended, DesignationReinstated, DesignationSuspendedByConflict, DesignationRevoked,
        DesignationRestored, DesignationRemoved, DesignationExpired,
    ];

    /// <summary>
    /// The status a designation item leaves its designation in, as a downstream mirror keeps it (ADR 0044): the
    /// designation's status codes (docs/designations.md); null for a record item.
    /// </summary>
    public static string? StatusAfter(string type) => type switch
    {
        DesignationEffective or DesignationReinstated => "effective",
        DesignationSuspended => "suspended",
        DesignationSuspendedByConflict => "suspended-by-conflict",
        DesignationRevoked => "revoked",
        DesignationRestored => "restored",
        DesignationRemoved => "removed",
        DesignationExpired => "expired",
        _ => null,
    };
}

/// <summary>
/// One change for downstream re-screening. <see cref="Position"/> is the ledger position of the event it comes from
/// (one event may yield several items: a chunk of records, or a correction that also publishes or withdraws).
/// <see cref="SubjectId"/> is the USCC of an organisation and the masked resident ID of an individual
/// (<c>3604**********0071</c>, ADR 0039): a downstream system narrows its own cases by the mask and confirms each with a
/// check, which is logged as an inquiry with its purpose — the bulk feed itself identifies no individual.
/// </summary>
public sealed record ChangeItem(
    long Position,
    string Type,
    DateTimeOffset OccurredAt,
    string SubjectId,
    string? Department,
    Guid? RecordId = null,
    int? Version = null,
    Guid? DesignationId = null,
    Guid? ObjectionId = null)
{
    /// <summary>For a designation item: the list type (ADR 0044).</summary>
    public string? ListType { get; init; }

    /// <summary>For a designation item: the instant its measures apply from (null before a decision).</summary>
    public DateTimeOffset? EffectiveFrom { get; init; }

    /// <summary>For a designation item: the instant its term ends.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>For a designation item: the status it leaves the designation in (<see cref="ChangeTypes.StatusAfter"/>).</summary>
    public string? Status { get; init; }
}

/// <summary>A page of the feed; read on with <c>after=</c><see cref="Next"/>. Up to date when <see cref="Next"/> stops moving.</summary>
public sealed record ChangePage(IReadOnlyList<ChangeItem> Items, long Next);

/// <summary>
/// The changes feed (docs/api.md#changes-feed <c>GET /api/v1/changes?after=</c>; checker, auditor): change items derived from the ledger
/// in ledger order, so a downstream system that remembers <c>next</c> misses nothing and sees nothing twice. Only
/// events at or below the ledger head read first are considered; since appends are serialised and commit in order,
/// everything up to that head is committed, and <c>next</c> never skips an event still being written. A page holds
/// whole events: it stops before an event whose items would pass <c>limit</c>, unless it would otherwise be empty
/// (an imported chunk event yields at most <see cref="SubmitRecords.MaxBulkChunk"/> items). Records that were never
/// published yield nothing: the feed carries no more about a subject than was public at some time (docs/domain.md#personal-information).
/// <para>
/// The work of one request is bounded by items, never by how many records the events name (docs/design.md#edges-public-limits-and-audit-reads): events are
/// read a few at a time, a request looks at no more than <see cref="RecordBudget"/> record versions (at least one
/// whole event), and versions are looked up in slices of <see cref="LookupSlice"/> ids — an import of 100,000 rows
/// used to turn one page into a single query with 100,000 parameters, which SQLite refuses ("too many SQL variables").
/// </para>
/// </summary>
public sealed class ReadChanges(PublicCreditDbContext db)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Events read per round: a chunk event's payload names up to 5000 records, so rounds stay small.</summary>
    private const int EventsPerRound = 64;

    /// <summary>How many rounds of events a request reads at most before answering (an import of private records yields no items).</summary>
    private const int MaxRounds = 16;

    /// <summary>Record versions one request looks at, at most (plus the rest of the event that crosses it).</summary>
    internal const int RecordBudget = 20_000;

    /// <summary>Ids per lookup query: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters.</summary>
    internal const int LookupSlice = 1000;

    /// <summary>The events the feed derives items from: those the registry maps to feed items (ADR 0040).</summary>
    private static readonly string[] SourceEvents = [.. LedgerEvents.FeedSources];

    public async Task<ChangePage> RunAsync(Caller caller, string? after, string? limit, CancellationToken cancellationToken = default)
    {
        var page = await ReadAsync(caller, after, limit, cancellationToken);

        // Privacy by default (docs/design.md#7-privacy-by-default; docs/design.md#edges-public-limits-and-audit-reads): no role reads individuals' full numbers in bulk (ADR 0039).
        return page with { Items = [.. page.Items.Select(i => i with { SubjectId = ResidentIdMasking.Mask(i.SubjectId) })] };
    }

    private async Task<ChangePage> ReadAsync(Caller caller, string? after, string? limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Role.Checker, Role.Auditor);
        var from = 0L;
        if (!string.IsNullOrWhiteSpace(after)
            && (!long.TryParse(after.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out from)))
        {
            throw DomainException.Invalid("after", SubjectProblemCodes.AfterInvalid, "after is a ledger position: a whole number ≥ 0.");
        }

        var take = DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit)
            && (!int.TryParse(limit.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxLimit))
        {
            throw DomainException.Invalid("limit", SubjectProblemCodes.LimitOutOfRange, $"limit is a whole number from 1 to {MaxLimit}.");
        }

        var head = (await db.LedgerHead.AsNoTracking().SingleAsync(cancellationToken)).Position;
        var items = new List<ChangeItem>();
        var next = from;
        var examined = 0;
        for (var round = 0; round < MaxRounds && next < head && items.Count < take && examined < RecordBudget; round++)
        {
            var events = await db.LedgerEvents.AsNoTracking()
                .Where(e => e.Position > next && e.Position <= head && SourceEvents.Contains(e.Type))
                .OrderBy(e => e.Position)
                .Take(EventsPerRound)
                .ToListAsync(cancellationToken);
            if (events.Count == 0)
            {
                return new ChangePage(items, head);
            }

            // Whole events while the record budget lasts; always at least one, so the feed moves on.
            var parsed = new List<(LedgerEventRow Event, List<(Guid Id, int Version)> Refs)>(events.Count);
            foreach (var e in events)
            {
                var refs = IsDesignation(e) ? [] : References(e);
                if (examined > 0 && examined + refs.Count > RecordBudget)
                {
                    break;
                }

                examined += refs.Count;
                parsed.Add((e, refs));
            }

            foreach (var (position, derived) in await DeriveAsync(parsed, cancellationToken))
            {
                if (items.Count > 0 && items.Count + derived.Count > take)
                {
                    return new ChangePage(items, next);
                }

                items.AddRange(derived);
                next = position;
            }

            if (parsed.Count < events.Count)
            {
                break; // the budget ended this request: the rest waits for the next page
            }

            if (events.Count < EventsPerRound)
            {
                // Every relevant event up to the head is in this page: the events after the last one are not ours.
                next = head;
            }
        }

        return new ChangePage(items, next);
    }

    private sealed record VersionFacts(Guid Id, int Version, string SubjectId, string Department, bool Published, long? WithdrawalPosition)
    {
        /// <summary>Published when written at <paramref name="position"/>: published, and not already over then — a
        /// version written after its period ended carries the writing event's position as its withdrawal
        /// (<c>RecordRows.MarkEndedBeforeWritten</c>, by <see cref="RecordPublicOn.HasEndedBefore"/>; ADR 0008).</summary>
        public bool PublishedWhenWritten(long position) => Published && WithdrawalPosition != position;
    }

    /// <summary>The facts of the named record versions, looked up <see cref="LookupSlice"/> ids at a time.</summary>
    private async Task<Dictionary<(Guid, int), VersionFacts>> FactsAsync(IEnumerable<Guid> named, CancellationToken cancellationToken)
    {
        var facts = new Dictionary<(Guid, int), VersionFacts>();
        foreach (var slice in named.Distinct().Chunk(LookupSlice))
        {
            var ids = slice.ToList();
            foreach (var f in await db.Records.AsNoTracking()
                         .Where(r => ids.Contains(r.Id))
                         .Select(r => new VersionFacts(r.Id, r.Version, r.SubjectId, r.Department, r.Published, r.WithdrawalPosition))
                         .ToListAsync(cancellationToken))
            {
                facts[(f.Id, f.Version)] = f;
            }
        }

        return facts;
    }

    private async Task<List<(long Position, List<ChangeItem> Items)>> DeriveAsync(
        List<(LedgerEventRow Event, List<(Guid Id, int Version)> Refs)> parsed, CancellationToken cancellationToken)
    {
        var facts = await FactsAsync(parsed.SelectMany(p => p.Refs).Select(r => r.Id), cancellationToken);

        VersionFacts Facts(long position, Guid id, int version) =>
            facts.TryGetValue((id, version), out var f)
                ? f
                : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Ledger event {position} names record {id} version {version}, which is not stored."));

        var result = new List<(long, List<ChangeItem>)>(parsed.Count);
        foreach (var (e, refs) in parsed)
        {
            var derived = new List<ChangeItem>();
            ChangeItem Item(string type, VersionFacts f) => new(e.Position, type, e.OccurredAt, f.SubjectId, f.Department, f.Id, f.Version);
            switch (e.Type)
            {
                case DesignationEvents.Effective or DesignationEvents.Revoked or DesignationEvents.Restored or DesignationEvents.Removed
                    or DesignationEvents.Expired:
                    // Designation events carry their subject and id themselves (ADR 0009); the item type is the event type.
                    using (var payload = JsonDocument.Parse(e.Payload))
                    {
                        derived.Add(new ChangeItem(e.Position, e.Type, e.OccurredAt, e.Subject!, e.Department,
                            DesignationId: payload.RootElement.GetProperty("designationId").GetGuid()));
                    }

                    break;
                case DesignationEvents.SuspendedByConflict or DesignationEvents.Confirmed:
                    if (ConflictItem(e) is { } conflictItem)
                    {
                        derived.Add(conflictItem);
                    }

                    break;
                case Restorations.RestorationEvents.RecordRestored:
                    // The restoration event names the record and the version whose publication it stopped (ADR 0014).
                    using (var payload = JsonDocument.Parse(e.Payload))
                    {
                        derived.Add(new ChangeItem(e.Position, ChangeTypes.RecordRestored, e.OccurredAt, e.Subject!, e.Department,
                            payload.RootElement.GetProperty("recordId").GetGuid(), payload.RootElement.GetProperty("version").GetInt32()));
                    }

                    break;
                case ObjectionEvents.Filed or ObjectionEvents.Upheld or ObjectionEvents.Rejected or ObjectionEvents.Suspended:
                    if (ObjectionItem(e) is { } objectionItem)
                    {
                        derived.Add(objectionItem);
                    }

                    break;
                case SubmitRecords.CreatedEvent or SubmitRecords.ChunkCreatedEvent:
                    foreach (var r in refs)
                    {
                        var created = Facts(e.Position, r.Id, r.Version);
                        if (created.PublishedWhenWritten(e.Position))
                        {
                            derived.Add(Item(ChangeTypes.RecordPublished, created));
                        }
                    }

                    break;
                case CorrectRecord.EventType:
                    var (previousRef, nextRef) = (refs[0], refs[1]);
                    var previous = Facts(e.Position, previousRef.Id, previousRef.Version);
                    var corrected = Facts(e.Position, nextRef.Id, nextRef.Version);
                    if (previous.Published || corrected.Published)
                    {
                        derived.Add(Item(ChangeTypes.RecordCorrected, corrected));
                    }

                    if (corrected.PublishedWhenWritten(e.Position))
                    {
                        derived.Add(Item(ChangeTypes.RecordPublished, corrected));
                    }
                    else if (previous.Published && previous.WithdrawalPosition is null)
                    {
                        // The previous version was announced public and its end never was: this correction ends it.
                        derived.Add(Item(ChangeTypes.RecordWithdrawn, previous));
                    }

                    break;
                default: // withdrawn, one or a chunk
                    derived.AddRange(refs.Select(r => Item(ChangeTypes.RecordWithdrawn, Facts(e.Position, r.Id, r.Version))));
                    break;
            }

            result.Add((e.Position, derived));
        }

        return await WithDesignationFactsAsync(result, cancellationToken);
    }

    /// <summary>
    /// Gives every designation item its designation's list type, term and the status the item leaves it in, so a
    /// downstream system can keep a list from the feed alone (ADR 0044). List type and term are written once by the
    /// decision, so the current row states them as they were at the event.
    /// </summary>
    private async Task<List<(long Position, List<ChangeItem> Items)>> WithDesignationFactsAsync(
        List<(long Position, List<ChangeItem> Items)> pages, CancellationToken cancellationToken)
    {
        var ids = pages.SelectMany(p => p.Items).Where(i => i.DesignationId is not null).Select(i => i.DesignationId!.Value).Distinct().ToList();
        if (ids.Count == 0)
        {
            return pages;
        }

        var facts = new Dictionary<Guid, (string ListType, DateTimeOffset? From, DateTimeOffset? Until)>();
        foreach (var slice in ids.Chunk(LookupSlice))
        {
            var sliceIds = slice.ToList();
            foreach (var d in await db.Designations.AsNoTracking()
                         .Where(d => sliceIds.Contains(d.Id))
                         .Select(d => new { d.Id, d.ListType, d.EffectiveFrom, d.ExpiresAt })
                         .ToListAsync(cancellationToken))
            {
                facts[d.Id] = (d.ListType, d.EffectiveFrom, d.ExpiresAt);
            }
        }

        return [.. pages.Select(p => (p.Position, p.Items.Select(i => i.DesignationId is { } id && facts.TryGetValue(id, out var f)
            ? i with { ListType = f.ListType, EffectiveFrom = f.From, ExpiresAt = f.Until, Status = ChangeTypes.StatusAfter(i.Type) }
            : i).ToList()))];
    }

    private static bool IsDesignation(LedgerEventRow e) =>
        e.Type is DesignationEvents.Effective or DesignationEvents.Revoked or ObjectionEvents.Filed or ObjectionEvents.Upheld or ObjectionEvents.Rejected
            or ObjectionEvents.Suspended
            or DesignationEvents.Restored or DesignationEvents.Removed or DesignationEvents.Expired or Restorations.RestorationEvents.RecordRestored
            or DesignationEvents.SuspendedByConflict or DesignationEvents.Confirmed;

    /// <summary>
    /// A red entry set aside by a conflict, or confirmed back (ADR 0042): an item only when it changes what was announced —
    /// a decided entry (announced effective or suspended) set aside, or one confirmed back to effective; a noticed one
    /// was never in the feed, and the feed carries no more about a subject than was public.
    /// </summary>
    private static ChangeItem? ConflictItem(LedgerEventRow e)
    {
        using var document = JsonDocument.Parse(e.Payload);
        var payload = document.RootElement;
        var (from, to) = (payload.GetProperty("from").GetString(), payload.GetProperty("to").GetString());
        var type = e.Type switch
        {
            DesignationEvents.SuspendedByConflict when from is "effective" or "suspended" => ChangeTypes.DesignationSuspendedByConflict,
            DesignationEvents.Confirmed when to == "effective" => ChangeTypes.DesignationReinstated,
            _ => null,
        };
        return type is null
            ? null
            : new ChangeItem(e.Position, type, e.OccurredAt, e.Subject!, e.Department, DesignationId: payload.GetProperty("designationId").GetGuid());
    }

    /// <summary>
    /// What an objection step tells downstream (ADR 0013 §4): for a designation, only a change of what is enforced
    /// (effective → suspended → effective again, or revoked); for a record, only when it was public, objections aside
    /// — the feed carries no more about a subject than was public (docs/domain.md#personal-information).
    /// </summary>
    private static ChangeItem? ObjectionItem(LedgerEventRow e)
    {
        using var document = JsonDocument.Parse(e.Payload);
        var payload = document.RootElement;
        var objectionId = payload.GetProperty("objectionId").GetGuid();
        if (payload.TryGetProperty("designationId", out var designationId))
        {
            var (from, to) = (payload.GetProperty("from").GetString(), payload.GetProperty("to").GetString());
            var type = e.Type switch
            {
                ObjectionEvents.Filed or ObjectionEvents.Suspended when to == "suspended" => ChangeTypes.DesignationSuspended,
                ObjectionEvents.Rejected when from == "suspended" && to == "effective" => ChangeTypes.DesignationReinstated,
                ObjectionEvents.Upheld when to == "revoked" && from != "revoked" => ChangeTypes.DesignationRevoked,
                _ => null,
            };
            return type is null
                ? null
                : new ChangeItem(e.Position, type, e.OccurredAt, e.Subject!, e.Department, DesignationId: designationId.GetGuid(), ObjectionId: objectionId);
        }

        if (!payload.GetProperty("public").GetBoolean())
        {
            return null;
        }

        // A review that did not suspend changes nothing public until it is upheld (ADR 0034).
        var (recordFrom, recordTo) = (payload.GetProperty("from").GetString(), payload.GetProperty("to").GetString());
        var recordType = e.Type switch
        {
            ObjectionEvents.Filed or ObjectionEvents.Suspended when recordTo == "suspended" => ChangeTypes.RecordSuspended,
            ObjectionEvents.Rejected when recordFrom == "suspended" => ChangeTypes.RecordReinstated,
            ObjectionEvents.Upheld => ChangeTypes.RecordWithdrawn,
            _ => null,
        };
        if (recordType is null)
        {
            return null;
        }

        return new ChangeItem(e.Position, recordType, e.OccurredAt, e.Subject!, e.Department,
            RecordId: payload.GetProperty("recordId").GetGuid(), Version: payload.GetProperty("version").GetInt32(), ObjectionId: objectionId);
    }

    /// <summary>The record versions an event names, from its payload (ADR 0006, ADR 0008 payload shapes).</summary>
    private static List<(Guid Id, int Version)> References(LedgerEventRow e)
    {
        using var document = JsonDocument.Parse(e.Payload);
        var payload = document.RootElement;
        return e.Type switch
        {
            SubmitRecords.CreatedEvent => [(payload.GetProperty("id").GetGuid(), 1)],
            SubmitRecords.ChunkCreatedEvent => [.. payload.GetProperty("records").EnumerateArray().Select(r => (r.GetProperty("id").GetGuid(), 1))],
            CorrectRecord.EventType =>
            [
                (payload.GetProperty("id").GetGuid(), payload.GetProperty("fromVersion").GetInt32()),
                (payload.GetProperty("id").GetGuid(), payload.GetProperty("toVersion").GetInt32()),
            ],
            AnnounceWithdrawals.WithdrawnEvent => [(payload.GetProperty("id").GetGuid(), payload.GetProperty("version").GetInt32())],
            _ => [.. payload.GetProperty("records").EnumerateArray().Select(r => (r.GetProperty("id").GetGuid(), r.GetProperty("version").GetInt32()))],
        };
    }
}
