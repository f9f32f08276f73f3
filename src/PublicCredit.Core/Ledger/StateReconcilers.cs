using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Checks;
using PublicCredit.Designations;
using PublicCredit.Import;
using PublicCredit.Inquiries;
using PublicCredit.Objections;
using PublicCredit.Records;
using PublicCredit.Removals;
using PublicCredit.Reports;
using PublicCredit.Restorations;
using PublicCredit.Storage;
using PublicCredit.Subjects;
using PublicCredit.Subscriptions;
using PublicCredit.Text;

namespace PublicCredit.Ledger;

/// <summary>
/// Every state table of the model and how the ledger proves it (ADR 0032): a reconciler per ledgered table, made fresh
/// for each verification, and for the rest the stated reason they are not ledgered. A test holds this list to the
/// model, so a table added later fails the build's tests until it is given one or the other.
/// </summary>
public static class StateReconcilers
{
    /// <summary>Tables deliberately not reconciled with the ledger, each with the reason.</summary>
    public static readonly FrozenDictionary<Type, string> NotLedgered = new Dictionary<Type, string>
    {
        [typeof(LedgerEventRow)] = "the ledger itself: proved by its hash chain, its head and the signed checkpoints",
        [typeof(LedgerHeadRow)] = "the ledger's head: compared with the chain's last event",
        [typeof(SubjectRow)] = "a derived register of the subjects that records and designations name (kind, latest name, random public id); every fact a view shows comes from ledgered rows",
        [typeof(SubjectNameGramRow)] = "the public name search's index (ADR 0046): bigrams of the subjects' names, written by database triggers from the subjects table and shown nowhere; what a search returns is decided by the ledgered rows",
        [typeof(ImportRunRow)] = "an import's resume checkpoint (file position, counts); the records it wrote are ledgered chunk by chunk",
        [typeof(WebSessionRow)] = "browser sessions (ADR 0030): sign-in is not a change of the record; a session only ever acts as its ledgered key or token, which must be current on every request",
        [typeof(SubscriptionSubjectRow)] = "a subscription's watchlist (ADR 0052): its count and SHA-256 are stated by subscription-watchlist-set and compared with the subscription's row; the rows only filter which changes are delivered, nothing public or enforced",
    }.ToFrozenDictionary();

    /// <summary>A fresh reconciler for each ledgered table, in the order their tables are checked.</summary>
    public static IReadOnlyList<IStateReconciler> Create() =>
    [
        new RecordsReconciler(),
        new DesignationsReconciler(),
        new ResponsiblePersonsReconciler(),
        new StatementsReconciler(),
        new ObjectionsReconciler(),
        new RestorationsReconciler(),
        new PerformancesReconciler(),
        new ApiKeysReconciler(),
        new SubjectTokensReconciler(),
        new ActivationCodesReconciler(),
        new CheckFeedbackReconciler(),
        new SubscriptionsReconciler(),
        new IssuedReportsReconciler(),
        new InquiryBatchesReconciler(),
        new InquiriesReconciler(),
    ];
}

/// <summary>Record versions by content hash: each stored version must be the one its event wrote, with the same hash.</summary>
internal sealed class RecordsReconciler : IStateReconciler
{
    private const string TableName = "records";

    private readonly Dictionary<(Guid Id, int Version), Version> versions = [];

    private sealed record Version(long Position, string? Department, string? Subject, string ContentHash, JsonElement? Fields);

    public Type Table => typeof(RecordRow);

    public void Observe(LedgerEventRow row, JsonElement payload)
    {
        switch (row.Type)
        {
            case SubmitRecords.CreatedEvent when Payloads.Id(payload, "id") is { } id:
                versions[(id, Payloads.Int(payload, "version") ?? 1)] =
                    new Version(row.Position, row.Department, row.Subject, Payloads.String(payload, "contentHash") ?? "", payload.Clone());
                break;
            case SubmitRecords.ChunkCreatedEvent when payload.TryGetProperty("records", out var records) && records.ValueKind == JsonValueKind.Array:
                foreach (var item in records.EnumerateArray())
                {
                    if (Payloads.Id(item, "id") is { } chunkId)
                    {
                        versions[(chunkId, 1)] = new Version(row.Position, row.Department, null, Payloads.String(item, "contentHash") ?? "", null);
                    }
                }

                break;
            case CorrectRecord.EventType when Payloads.Id(payload, "id") is { } corrected && payload.TryGetProperty("record", out var record):
                versions[(corrected, Payloads.Int(payload, "toVersion") ?? 0)] =
                    new Version(row.Position, row.Department, row.Subject, Payloads.String(record, "contentHash") ?? "", record.Clone());
                break;
        }
    }

    public async Task<StateMismatch?> CheckAsync(PublicCreditDbContext db, CancellationToken cancellationToken)
    {
        var seen = new HashSet<(Guid, int)>();
        await foreach (var row in db.Records.AsNoTracking().OrderBy(r => r.LedgerPosition).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var name = Payloads.Row(row.Id, row.Version);
            if (!versions.TryGetValue((row.Id, row.Version), out var ledgered))
            {
                return new StateMismatch(TableName, name, "id", "no ledger event wrote this version: the row was inserted outside the platform");
            }

            seen.Add((row.Id, row.Version));
            var check = new RowCheck(TableName, name)
                .Field("ledger_position", row.LedgerPosition, ledgered.Position)
                .Field("department", row.Department, ledgered.Department ?? row.Department);
            if (ledgered.Subject is { } subject)
            {
                check.Field("subject_id", row.SubjectId, subject);
            }

            if (ledgered.Fields is { } fields)
            {
                check.Field("document_number", row.DocumentNumber, Payloads.String(fields, "documentNumber"))
                    .Field("category", row.Category, Payloads.String(fields, "category"))
                    .Field("severity", row.Severity is { } s ? s.Code() : null, Payloads.String(fields, "severity"))
                    .Field("decision_date", row.DecisionDate, Payloads.Date(fields, "decisionDate") ?? default)
                    .Field("public_until", row.PublicUntil, Payloads.Date(fields, "publicUntil"))
                    .Field("published", row.Published, Payloads.Bool(fields, "published") ?? false)
                    .Field("late", row.Late, Payloads.Bool(fields, "late"));
            }

            check.Field("content_hash", row.ContentHash, ledgered.ContentHash);
            if (check.First is { } mismatch)
            {
                return mismatch;
            }

            if (!string.Equals(RecordContentHash.Compute(row), ledgered.ContentHash, StringComparison.Ordinal))
            {
                return new StateMismatch(TableName, name, "content",
                    "the stored content (facts, content, legal basis, name, amount or legal representative) does not hash to the content hash in the ledger");
            }
        }

        return StateMismatch.FirstDeleted(TableName, "id", versions.Keys, seen, k => versions[k].Position,
            k => Payloads.Row(k.Item1, k.Item2), "wrote this version");
    }
}

/// <summary>Designations by replaying their transitions: status, decision and documents as the last events left them.</summary>
internal sealed class DesignationsReconciler : IStateReconciler
{
    private const string TableName = "designations";

    private readonly Dictionary<Guid, Replayed> designations = [];

    private sealed class Replayed
    {
        public long NoticedAt { get; init; }

        public long Position { get; set; }

        public string? Department { get; init; }

        public string? Subject { get; init; }

        public string? ListType { get; init; }

        public string? Status { get; set; }

        public string? NoticeSha256 { get; init; }

        public string? DecisionSha256 { get; set; }

        public DateTimeOffset? EffectiveFrom { get; set; }

        public DateTimeOffset? ExpiresAt { get; set; }

        public string? Term { get; set; }

        public int ResponsiblePersons { get; init; }

        public string BasisRecordIds { get; init; } = "";
        public Guid? ConflictWith { get; set; }

        public DateOnly? ConflictReviewDue { get; set; }

        public string? EntryFieldsSha256 { get; init; }
    }

    public Type Table => typeof(DesignationRow);

    /// <summary>What the designation events say, for the tables that hang off designations.</summary>
    internal IReadOnlyDictionary<Guid, int> ResponsiblePersonCounts => designations.ToDictionary(d => d.Key, d => d.Value.ResponsiblePersons);

    public void Observe(LedgerEventRow row, JsonElement payload)
    {
        // A transition names the designation and the state it went to; restoration steps name it too, without "to".
        if (Payloads.Id(payload, "designationId") is not { } id || !Payloads.Has(payload, "to"))
        {
            return;
        }

        if (row.Type == DesignationEvents.Noticed)
        {
            designations[id] = new Replayed
            {
                NoticedAt = row.Position,
                Department = row.Department,
                Subject = row.Subject,
                ListType = Payloads.String(payload, "listType"),
                NoticeSha256 = Payloads.String(payload, "noticeSha256"),
                ResponsiblePersons = Payloads.Int(payload, "responsiblePersons") ?? 0,
                BasisRecordIds = BasisOf(payload),
                EntryFieldsSha256 = Payloads.String(payload, "entryFieldsSha256"),
            };
        }

        if (!designations.TryGetValue(id, out var replayed))
        {
            // A transition of a designation never noticed: kept, so the row (if any) is reported against it.
            replayed = designations[id] = new Replayed { NoticedAt = row.Position, Department = row.Department, Subject = row.Subject };
        }

        replayed.Position = row.Position;
        replayed.Status = Payloads.String(payload, "to");
        if (row.Type == DesignationEvents.Effective)
        {
            replayed.DecisionSha256 = Payloads.String(payload, "decisionSha256");
            replayed.EffectiveFrom = Payloads.Instant(payload, "effectiveFrom");
            replayed.ExpiresAt = Payloads.Instant(payload, "expiresAt");
            replayed.Term = Payloads.String(payload, "term");
        }

        if (row.Type == DesignationEvents.SuspendedByConflict)
        {
            replayed.ConflictWith = Payloads.Id(payload, "blackDesignationId");
            replayed.ConflictReviewDue = Payloads.Date(payload, "reviewDue");
        }
    }

    public async Task<StateMismatch?> CheckAsync(PublicCreditDbContext db, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        await foreach (var row in db.Designations.AsNoTracking().OrderBy(d => d.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var name = Payloads.Row(row.Id);
            if (!designations.TryGetValue(row.Id, out var replayed))
            {
                return new StateMismatch(TableName, name, "id", "no ledger event noticed this designation: the row was inserted outside the platform");
            }

            seen.Add(row.Id);
            var check = new RowCheck(TableName, name)
                .Field("status", row.Status.Code(), replayed.Status)
                .Field("ledger_position", row.LedgerPosition, replayed.Position)
                .Field("department", row.Department, replayed.Department)
                .Field("subject_id", row.SubjectId, replayed.Subject)
                .Field("list_type", row.ListType, replayed.ListType ?? row.ListType)
                .Field("expires_at", Truncated(row.ExpiresAt), replayed.ExpiresAt)
                .Field("effective_from", Truncated(row.EffectiveFrom), replayed.EffectiveFrom)
                .Field("term", row.Term, replayed.Term)
                .Field("basis_record_ids", string.Join(',', row.BasisRecordIds), replayed.BasisRecordIds)
                .Field("conflict_with", row.ConflictWith, replayed.ConflictWith)
                .Field("conflict_review_due", row.ConflictReviewDue, replayed.ConflictReviewDue)
                .Digest("notice_json", row.NoticeJson, replayed.NoticeSha256)
                .Digest("entry_fields_json", row.EntryFieldsJson, replayed.EntryFieldsSha256)
                .Digest("decision_json", row.DecisionJson, replayed.DecisionSha256);
            if (check.First is { } mismatch)
            {
                return mismatch;
            }
        }

        return StateMismatch.FirstDeleted(TableName, "id", designations.Keys, seen, k => designations[k].NoticedAt,
            Payloads.Row, "noticed this designation");
    }

    private static DateTimeOffset? Truncated(DateTimeOffset? instant) => instant is { } value ? LedgerChain.Truncate(value) : null;

    /// <summary>The notice's basis records in the order written (ADR 0043); absent in events without a basis.</summary>
    private static string BasisOf(JsonElement payload) =>
        payload.TryGetProperty("basisRecordIds", out var ids) && ids.ValueKind == JsonValueKind.Array
            ? string.Join(',', ids.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String && Guid.TryParse(i.GetString(), out var id) ? id.ToString() : "?"))
            : "";
}

/// <summary>Responsible persons: as many per designation as its notice named, no more, no fewer.</summary>
internal sealed class ResponsiblePersonsReconciler : IStateReconciler
{
    private readonly Dictionary<Guid, int> named = [];

    public Type Table => typeof(ResponsiblePersonRow);

    public void Observe(LedgerEventRow row, JsonElement payload)
    {
        if (row.Type == DesignationEvents.Noticed && Payloads.Id(payload, "designationId") is { } id)
        {
            named[id] = Payloads.Int(payload, "responsiblePersons") ?? 0;
        }
    }

    public async Task<StateMismatch?> CheckAsync(PublicCreditDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.ResponsiblePersons.AsNoTracking()
            .GroupBy(p => p.DesignationId)
            .Select(g => new { Designation = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Designation, g => g.Count, cancellationToken);
        foreach (var (designation, count) in stored.OrderBy(s => s.Key))
        {
            if (named.GetValueOrDefault(designation) != count)
            {
                return new StateMismatch("responsible_persons", Payloads.Row(designation), "designation_id",
                    $"the table holds {count} responsible persons of this designation but its notice named {named.GetValueOrDefault(designation)}");
            }
        }

        var missing = named.Where(n => n.Value > 0 && !stored.ContainsKey(n.Key)).OrderBy(n => n.Key).FirstOrDefault();
        return missing.Value == 0
            ? null
            : new StateMismatch("responsible_persons", Payloads.Row(missing.Key), "designation_id",
                $"the notice named {missing.Value} responsible persons but the table holds none: they were deleted");
    }
}

/// <summary>
/// A reconciler for a table whose rows are each created by one event that names the row's id: every row has its
/// event, every such event its row, and the fields the event states are the row's.
/// </summary>
internal abstract class CreatedRowsReconciler<TRow>(string tableName, string idMember, params string[] eventTypes) : IStateReconciler
    where TRow : class
{
    private readonly Dictionary<Guid, (LedgerEventRow Event, JsonElement Payload)> created = [];

    public Type Table => typeof(TRow);

    public virtual void Observe(LedgerEventRow row, JsonElement payload)
    {
        if (eventTypes.Contains(row.Type, StringComparer.Ordinal) && Payloads.Id(payload, idMember) is { } id)
        {
            created[id] = (row, payload.Clone());
        }
    }

    public async Task<StateMismatch?> CheckAsync(PublicCreditDbContext db, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        await foreach (var row in db.Set<TRow>().AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var id = IdOf(row);
            if (!created.TryGetValue(id, out var ledgered))
            {
                return new StateMismatch(tableName, Payloads.Row(id), "id",
                    "no ledger event created this row: it was inserted outside the platform");
            }

            seen.Add(id);
            var check = new RowCheck(tableName, Payloads.Row(id));
            Compare(check, row, ledgered.Event, ledgered.Payload);
            if (check.First is { } mismatch)
            {
                return mismatch;
            }
        }

        return StateMismatch.FirstDeleted(tableName, "id", created.Keys, seen, k => created[k].Event.Position,
            Payloads.Row, "created this row");
    }

    protected abstract Guid IdOf(TRow row);

    protected abstract void Compare(RowCheck check, TRow row, LedgerEventRow created, JsonElement payload);
}

/// <summary>Objections: filed and resolved by their events; status, positions, target and grounds as the events say.</summary>
internal sealed class ObjectionsReconciler() : CreatedRowsReconciler<ObjectionRow>("objections", "objectionId", ObjectionEvents.Filed)
{
    private readonly Dictionary<Guid, (string Status, long Position, string? ReasonsSha256)> resolved = [];

    /// <summary>When the owning department suspended a review that had not suspended at filing (ADR 0034).</summary>
    private readonly Dictionary<Guid, DateTimeOffset> suspended = [];

    public override void Observe(LedgerEventRow row, JsonElement payload)
    {
        base.Observe(row, payload);
        if (row.Type == ObjectionEvents.Suspended && Payloads.Id(payload, "objectionId") is { } suspendedId)
        {
            suspended[suspendedId] = row.OccurredAt;
        }

        if (row.Type is ObjectionEvents.Upheld or ObjectionEvents.Rejected && Payloads.Id(payload, "objectionId") is { } id)
        {
            resolved[id] = ((row.Type == ObjectionEvents.Upheld ? ObjectionStatus.Upheld : ObjectionStatus.Rejected).Code(), row.Position, Payloads.String(payload, "reasonsSha256"));
        }
    }

    protected override Guid IdOf(ObjectionRow row) => row.Id;

    protected override void Compare(RowCheck check, ObjectionRow row, LedgerEventRow created, JsonElement payload)
    {
        var (status, position, reasonsSha256) = resolved.TryGetValue(row.Id, out var r) ? r : ("open", 0L, null);
        check.Field("status", row.Status.Code(), status)
            .Field("filed_position", row.FiledPosition, created.Position)
            .Field("resolved_position", row.ResolvedPosition ?? 0, position)
            .Field("designation_id", row.DesignationId, Payloads.Id(payload, "designationId"))
            .Field("record_id", row.RecordId, Payloads.Id(payload, "recordId"))
            .Field("department", row.Department, created.Department)
            .Field("subject_id", row.SubjectId, created.Subject)
            .Field("review_deadline", row.ReviewDeadline, Payloads.Date(payload, "reviewDeadline"))
            // Filed before ADR 0034 (no "suspends"), or by the subject: suspended when filed; else when the owner suspended it.
            .Field("suspended_at", row.SuspendedAt, suspended.TryGetValue(row.Id, out var at) ? at
                : Payloads.Bool(payload, "suspends") == false ? null : created.OccurredAt)
            .Digest("grounds", row.Grounds, Payloads.String(payload, "groundsSha256"))
            .Digest("evidence", row.Evidence, Payloads.String(payload, "evidenceSha256"))
            .Digest("resolution_reasons", row.ResolutionReasons, reasonsSha256);
    }
}

/// <summary>Restoration applications: submitted, accepted, refused or granted by their step events.</summary>
internal sealed class RestorationsReconciler() : CreatedRowsReconciler<RestorationRow>("restorations", "restorationId", RestorationEvents.Submitted)
{
    private readonly Dictionary<Guid, (string Status, long Position)> steps = [];

    public override void Observe(LedgerEventRow row, JsonElement payload)
    {
        base.Observe(row, payload);
        if (Payloads.Id(payload, "restorationId") is not { } id)
        {
            return;
        }

        RestorationStatus? status = row.Type switch
        {
            RestorationEvents.Submitted => RestorationStatus.Submitted,
            RestorationEvents.Accepted => RestorationStatus.Accepted,
            RestorationEvents.Refused => RestorationStatus.Refused,
            RestorationEvents.RecordRestored or DesignationEvents.Restored or DesignationEvents.ReachRestored => RestorationStatus.Granted,
            _ => null,
        };
        if (status is { } known)
        {
            steps[id] = (known.Code(), row.Position);
        }
    }

    protected override Guid IdOf(RestorationRow row) => row.Id;

    protected override void Compare(RowCheck check, RestorationRow row, LedgerEventRow created, JsonElement payload)
    {
        var step = steps[row.Id];
        check.Field("status", row.Status.Code(), step.Status)
            .Field("ledger_position", row.LedgerPosition, step.Position)
            .Field("designation_id", row.DesignationId, Payloads.Id(payload, "designationId"))
            .Field("record_id", row.RecordId, Payloads.Id(payload, "recordId"))
            .Field("department", row.Department, created.Department)
            .Field("subject_id", row.SubjectId, created.Subject)
            .Field("earliest_restoration", row.EarliestRestoration, Payloads.Date(payload, "earliestRestoration") ?? default)
            .Field("accept_by", row.AcceptBy, Payloads.Date(payload, "acceptBy") ?? default)
            .Field("decide_by", row.DecideBy, Payloads.Date(payload, "decideBy") ?? default)
            .Digest("evidence", row.Evidence, Payloads.String(payload, "evidenceSha256"));
    }
}

/// <summary>Statements filed on a noticed designation.</summary>
internal sealed class StatementsReconciler() : CreatedRowsReconciler<StatementRow>("designation_statements", "statementId", DesignationEvents.StatementFiled)
{
    protected override Guid IdOf(StatementRow row) => row.Id;

    protected override void Compare(RowCheck check, StatementRow row, LedgerEventRow created, JsonElement payload) =>
        check.Field("designation_id", row.DesignationId, Payloads.Id(payload, "designationId") ?? default)
            .Field("ledger_position", row.LedgerPosition, created.Position)
            .Digest("statement", row.Statement, Payloads.String(payload, "statementSha256"))
            .Digest("evidence", row.Evidence, Payloads.String(payload, "evidenceSha256"));
}

/// <summary>Performance of obligations recorded for removal.</summary>
internal sealed class PerformancesReconciler()
    : CreatedRowsReconciler<PerformanceRow>("performances", "performanceId", RecordPerformance.PerformanceRecordedEvent, DesignationEvents.Removed)
{
    private readonly HashSet<Guid> recorded = [];

    public override void Observe(LedgerEventRow row, JsonElement payload)
    {
        // The first event that names a performance recorded it; a later removal of the same one is not a second row.
        if (Payloads.Id(payload, "performanceId") is { } id && recorded.Add(id))
        {
            base.Observe(row, payload);
        }
    }

    protected override Guid IdOf(PerformanceRow row) => row.Id;

    protected override void Compare(RowCheck check, PerformanceRow row, LedgerEventRow created, JsonElement payload) =>
        check.Field("designation_id", row.DesignationId, Payloads.Id(payload, "designationId") ?? default)
            .Field("department", row.Department, created.Department)
            .Field("subject_id", row.SubjectId, created.Subject)
            .Field("performance_document", row.PerformanceDocument, Payloads.String(payload, "document"))
            .Field("performed_on", row.PerformedOn, Payloads.Date(payload, "performedOn") ?? default)
            .Field("removal_due_by", row.RemovalDueBy, Payloads.Date(payload, "removalDueBy") ?? default)
            .Digest("evidence", row.Evidence, Payloads.String(payload, "evidenceSha256"));
}

/// <summary>API keys by their creation (and, where it exists, revocation) events: role, department, name, lookup.</summary>
internal sealed class ApiKeysReconciler() : CreatedRowsReconciler<ApiKeyRow>("api_keys", "keyId", CreateApiKey.EventType)
{
    private readonly Dictionary<Guid, long> revoked = [];

    public override void Observe(LedgerEventRow row, JsonElement payload)
    {
        base.Observe(row, payload);
        if (row.Type == ApiKeyRevoked.EventType
            && Payloads.Id(payload, "keyId") is { } id)
        {
            revoked[id] = row.Position;
        }
    }

    protected override Guid IdOf(ApiKeyRow row) => row.Id;

    protected override void Compare(RowCheck check, ApiKeyRow row, LedgerEventRow created, JsonElement payload) =>
        check.Field("role", row.Role, Payloads.String(payload, "role"))
            .Field("department", row.Department, created.Department)
            .Field("name", row.Name, Payloads.String(payload, "name"))
            .Field("lookup", row.Lookup, Payloads.String(payload, "lookup"))
            .Field("expires_at", row.ExpiresAt, Payloads.Instant(payload, "expiresAt"))
            .Field("revoked", row.RevokedAt is not null, revoked.ContainsKey(row.Id));
}

/// <summary>Subjects' self-service tokens by their issue (and, where it exists, revocation) events.</summary>
internal sealed class SubjectTokensReconciler() : CreatedRowsReconciler<SubjectTokenRow>("subject_tokens", "tokenId", IssueSubjectToken.EventType)
{
    private readonly Dictionary<Guid, long> revoked = [];

    public override void Observe(LedgerEventRow row, JsonElement payload)
    {
        base.Observe(row, payload);
        if (row.Type == SubjectTokenRevoked.EventType
            && Payloads.Id(payload, "tokenId") is { } id)
        {
            revoked[id] = row.Position;
        }
    }

    protected override Guid IdOf(SubjectTokenRow row) => row.Id;

    protected override void Compare(RowCheck check, SubjectTokenRow row, LedgerEventRow created, JsonElement payload) =>
        check.Field("subject_id", row.SubjectId, created.Subject)
            .Field("lookup", row.Lookup, Payloads.String(payload, "lookup"))
            .Field("expires_at", LedgerChain.Truncate(row.ExpiresAt), Payloads.Instant(payload, "expiresAt") ?? default)
            .Field("revoked", row.RevokedAt is not null, revoked.ContainsKey(row.Id));
}

/// <summary>
/// Notices' one-time activation codes (ADR 0029) by their issue and redemption events: subject, designation, expiry,
/// and whether — and into which token — each was redeemed.
/// </summary>
internal sealed class ActivationCodesReconciler()
    : CreatedRowsReconciler<ActivationCodeRow>("activation_codes", "codeId", SubjectActivation.IssuedEvent)
{
    private readonly Dictionary<Guid, Guid?> redeemed = [];

    public override void Observe(LedgerEventRow row, JsonElement payload)
    {
        base.Observe(row, payload);
        if (row.Type == SubjectActivation.RedeemedEvent && Payloads.Id(payload, "codeId") is { } id)
        {
            redeemed[id] = Payloads.Id(payload, "tokenId");
        }
    }

    protected override Guid IdOf(ActivationCodeRow row) => row.Id;

    protected override void Compare(RowCheck check, ActivationCodeRow row, LedgerEventRow created, JsonElement payload) =>
        check.Field("subject_id", row.SubjectId, created.Subject)
            .Field("designation_id", row.DesignationId ?? default, Payloads.Id(payload, "designationId") ?? default)
            .Field("expires_at", LedgerChain.Truncate(row.ExpiresAt), Payloads.Instant(payload, "expiresAt") ?? default)
            .Field("redeemed", row.RedeemedAt is not null, redeemed.ContainsKey(row.Id))
            .Field("token_id", row.TokenId ?? default, redeemed.GetValueOrDefault(row.Id) ?? default);
}

/// <summary>Checking departments' feedback on measures.</summary>
internal sealed class CheckFeedbackReconciler() : CreatedRowsReconciler<CheckFeedbackRow>("check_feedback", "id", SubmitFeedback.EventType)
{
    protected override Guid IdOf(CheckFeedbackRow row) => row.Id;

    protected override void Compare(RowCheck check, CheckFeedbackRow row, LedgerEventRow created, JsonElement payload) =>
        check.Field("check_id", row.CheckId, Payloads.Id(payload, "checkId") ?? default)
            .Field("department", row.Department, created.Department)
            .Field("measure", row.Measure, Payloads.String(payload, "measure"))
            .Field("memorandum", row.Memorandum, Payloads.String(payload, "memorandum"))
            .Field("applied", row.Applied, Payloads.Bool(payload, "applied") ?? false)
            .Field("ledger_position", row.LedgerPosition, created.Position)
            .Digest("note", row.Note, Payloads.String(payload, "noteSha256"));
}

/// <summary>Webhook subscriptions (ADR 0052) by their registration, watchlist and deletion events.</summary>
internal sealed class SubscriptionsReconciler() : CreatedRowsReconciler<SubscriptionRow>("webhook_subscriptions", "subscriptionId", SubscriptionRegistered.EventType)
{
    private readonly Dictionary<Guid, (int Count, string? Sha256)> watchlists = [];
    private readonly HashSet<Guid> deleted = [];

    public override void Observe(LedgerEventRow row, JsonElement payload)
    {
        base.Observe(row, payload);
        if (Payloads.Id(payload, "subscriptionId") is not { } id)
        {
            return;
        }

        if (row.Type == SubscriptionWatchlistSet.EventType)
        {
            watchlists[id] = (payload.TryGetProperty("subjects", out var count) ? count.GetInt32() : -1, Payloads.String(payload, "sha256"));
        }
        else if (row.Type == SubscriptionDeleted.EventType)
        {
            deleted.Add(id);
        }
    }

    protected override Guid IdOf(SubscriptionRow row) => row.Id;

    protected override void Compare(RowCheck check, SubscriptionRow row, LedgerEventRow created, JsonElement payload)
    {
        var watchlist = watchlists.GetValueOrDefault(row.Id);
        check.Field("department", row.Department, created.Department)
            .Field("url", row.Url, Payloads.String(payload, "url"))
            .Field("events", row.Events, string.Join(',', payload.GetProperty("events").EnumerateArray().Select(e => e.GetString())))
            .Field("starts_after", row.StartsAfter, payload.TryGetProperty("startsAfter", out var starts) ? starts.GetInt64() : -1)
            .Field("has_watchlist", row.HasWatchlist, watchlists.ContainsKey(row.Id))
            .Field("watchlist_count", row.WatchlistCount, watchlist.Count)
            .Field("watchlist_sha256", row.WatchlistSha256, watchlist.Sha256)
            .Field("deleted", row.DeletedAt is not null, deleted.Contains(row.Id));
    }
}

/// <summary>Issued credit reports (what /verify checks a downloaded report against): code and digest as the event says.</summary>
internal sealed class IssuedReportsReconciler : IStateReconciler
{
    private readonly Dictionary<string, (long Position, string? Subject, string? Sha256)> issued = new(StringComparer.Ordinal);

    public Type Table => typeof(IssuedReportRow);

    public void Observe(LedgerEventRow row, JsonElement payload)
    {
        if (row.Type == IssueCreditReport.EventType && Payloads.String(payload, "code") is { } code)
        {
            issued[code] = (row.Position, Payloads.String(payload, "subject"), Payloads.String(payload, "sha256"));
        }
    }

    public async Task<StateMismatch?> CheckAsync(PublicCreditDbContext db, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in db.IssuedReports.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!issued.TryGetValue(row.Code, out var ledgered))
            {
                return new StateMismatch("issued_reports", row.Code, "code", "no ledger event issued this report: the row was inserted outside the platform");
            }

            seen.Add(row.Code);
            var check = new RowCheck("issued_reports", row.Code)
                .Field("subject_public_id", row.SubjectPublicId, ledgered.Subject)
                .Field("sha256", row.Sha256, ledgered.Sha256);
            if (check.First is { } mismatch)
            {
                return mismatch;
            }
        }

        return StateMismatch.FirstDeleted("issued_reports", "code", issued.Keys, seen, k => issued[k].Position,
            k => k, "issued this report");
    }
}
