using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PublicCredit.Designations;
using PublicCredit.Records;
using PublicCredit.Storage;

namespace PublicCredit.Enforcement;

/// <summary>
/// Brings this node's in-memory state up to what other nodes committed (docs/design.md#nodes-and-scale-out; ADR 0012): reads the ledger
/// after <see cref="EnforcementIndexUpdates.Followed"/> in order and, per event, tells the same observers a local
/// commit tells — for an event whose payload names a <c>designationId</c>, the designation as stored now with its
/// responsible persons (<see cref="IDesignationCommitted"/>); for an event that wrote record versions, those versions
/// (<see cref="IRecordsCommitted"/>). Keying on payload members, not event types, means a new transition (objection,
/// restoration) is followed without a change here, as long as it goes through <see cref="DesignationTransitions"/>.
/// Events are applied one by one in ledger order and the position is marked after each, so none is applied twice
/// and the index never goes back (ADR 0012 §3).
/// </summary>
/// <remarks>An event that cannot be applied (a payload or stored row an old version wrote badly, an observer that
/// throws on it) is quarantined — position, type and reason in <see cref="FollowerHealth"/>, an alert in the log — and
/// the follower goes on with the next event, so one event can never stop a node from following (docs/design.md#one-bad-input-stops-no-node; ADR
/// 0028). A database error is not the event's fault: it propagates and the round is tried again from the position.</remarks>
public sealed partial class FollowLedger(
    EnforcementIndexUpdates updates, IEnumerable<IDesignationCommitted> designations, IEnumerable<IRecordsCommitted> records,
    FollowerHealth? health = null, ILogger<FollowLedger>? logger = null,
    IEnumerable<PublicCredit.Access.ICredentialRevoked>? revocations = null)
{
    /// <summary>Tags the follower's SQL (a comment in the command text), so a test that proves checks never query the
    /// database can tell the follower's reads from a check's.</summary>
    public const string Tag = "ledger-follower";

    public const int Page = 500;

    /// <summary>Applies every event committed after the followed position; returns how many it applied.</summary>
    public async Task<int> RunAsync(PublicCreditDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var total = 0;
        while (true)
        {
            var after = updates.Followed;
            // Writers hold the ledger lock until commit, so positions become visible in order: no gap can be skipped.
            var events = await db.LedgerEvents.AsNoTracking().TagWith(Tag)
                .Where(e => e.Position > after)
                .OrderBy(e => e.Position)
                .Take(Page)
                .Select(e => new { e.Position, e.Type, e.Payload })
                .ToListAsync(cancellationToken);
            foreach (var e in events)
            {
                try
                {
                    var (designation, recordIds) = Read(e.Type, e.Payload);
                    if (designation is { } id)
                    {
                        await DesignationAsync(db, id, e.Position, cancellationToken);
                    }

                    if (recordIds.Count > 0)
                    {
                        await RecordsAsync(db, recordIds, e.Position, cancellationToken);
                    }
                }
                catch (Exception ex) when (ex is not (OperationCanceledException or DbException or TimeoutException or OutOfMemoryException))
                {
                    health?.Quarantine(e.Position, e.Type, ex.GetType().Name + ": " + ex.Message);
                    if (logger is not null)
                    {
                        LogQuarantined(logger, e.Position, e.Type, ex);
                    }
                }

                // A key or token revoked on another node: no cache here may keep admitting it (ADR 0030).
                if (RevokedLookup(e.Type, e.Payload) is { } lookup)
                {
                    foreach (var revocation in revocations ?? [])
                    {
                        revocation.Revoked(lookup);
                    }
                }

                updates.MarkFollowed(e.Position);
            }

            total += events.Count;
            if (events.Count < Page)
            {
                health?.CaughtUp();
                return total;
            }
        }
    }

    private async Task DesignationAsync(PublicCreditDbContext db, Guid id, long position, CancellationToken cancellationToken)
    {
        // The row as stored now: its state is at least as new as this event (ADR 0012 §3 orders the two paths).
        var row = await db.Designations.AsNoTracking().TagWith(Tag).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (row is null)
        {
            return;
        }

        // The persons it reaches now, and those whose own objection holds their reach (docs/objections.md#responsible-persons).
        var (persons, held) = await DesignationTransitions.ReachAsync(db, id, cancellationToken, Tag);
        foreach (var observer in designations)
        {
            observer.Committed(row, persons, held, position);
        }
    }

    private async Task RecordsAsync(PublicCreditDbContext db, List<Guid> ids, long position, CancellationToken cancellationToken)
    {
        // Only the versions this event wrote (a withdrawal names records but writes no version).
        var written = await db.Records.AsNoTracking().TagWith(Tag)
            .Where(r => ids.Contains(r.Id) && r.LedgerPosition == position)
            .ToListAsync(cancellationToken);
        if (written.Count == 0)
        {
            return;
        }

        foreach (var observer in records)
        {
            observer.Committed(written);
        }
    }

    /// <summary>The designation and records an event's payload names: <c>designationId</c>; <c>recordId</c>; and the
    /// record events' own shapes (<c>id</c> of a <c>record-*</c> event, <c>records[].id</c> of a chunk event).</summary>
    internal static (Guid? Designation, List<Guid> Records) Read(string type, string payload)
    {
        var records = new HashSet<Guid>();
        Guid? designation = null;
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, []);
        }

        if (root.TryGetProperty("designationId", out var d) && d.ValueKind == JsonValueKind.String && d.TryGetGuid(out var designationId))
        {
            designation = designationId;
        }

        AddId(root, "recordId", records);
        if (type.StartsWith("record-", StringComparison.Ordinal))
        {
            AddId(root, "id", records);
        }

        if (type.StartsWith("records-", StringComparison.Ordinal) && root.TryGetProperty("records", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    AddId(item, "id", records);
                }
            }
        }

        return (designation, [.. records]);
    }

    /// <summary>The credential's lookup part in a revocation event (key or token), else null.</summary>
    internal static string? RevokedLookup(string type, string payload)
    {
        if (type is not (PublicCredit.Access.ApiKeyRevoked.EventType or PublicCredit.Access.SubjectTokenRevoked.EventType))
        {
            return null;
        }

        using var document = JsonDocument.Parse(payload);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("lookup", out var lookup) && lookup.ValueKind == JsonValueKind.String
            ? lookup.GetString()
            : null;
    }

    private static void AddId(JsonElement element, string name, HashSet<Guid> into)
    {
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var id))
        {
            into.Add(id);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "ALERT ledger event {Position} ({Type}) cannot be applied on this node: quarantined; following goes on with the next event")]
    private static partial void LogQuarantined(ILogger logger, long position, string type, Exception exception);
}
