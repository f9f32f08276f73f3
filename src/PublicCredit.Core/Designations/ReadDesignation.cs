using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Inquiries;
using PublicCredit.Records;
using PublicCredit.Storage;
using Codes = PublicCredit.Designations.DesignationProblemCodes;
using PublicCredit.Text;

namespace PublicCredit.Designations;

/// <param name="Id">The resident ID: in full for staff, masked (<c>1101**********002X</c>) for anyone else.</param>
public sealed record ResponsiblePersonView(string Id, string Name, string Role);

public sealed record StatementView(Guid Id, string Statement, string? Evidence, DateTimeOffset FiledAt);

public sealed record RevocationView(DateTimeOffset RevokedAt, string? Reasons, string? Document);

/// <summary>A designation as staff and its subject see it, with its status at <see cref="AsOf"/> (expired derived).</summary>
public sealed record DesignationView(
    Guid Id,
    DesignationStatus Status,
    DateTimeOffset AsOf,
    string ListType,
    string Department,
    SubjectRef Subject,
    bool StatementFiled,
    bool ObjectionOpen,
    string NoticeDocument,
    DateTimeOffset NoticedAt,
    DateOnly ObjectionDeadline,
    IReadOnlyList<string> Measures,
    IReadOnlyList<Guid> BasisRecordIds,
    JsonObject? EntryFields,
    IReadOnlyList<ResponsiblePersonView> ResponsiblePersons,
    IReadOnlyList<StatementView> Statements,
    string? DecisionDocument,
    DateTimeOffset? EffectiveFrom,
    DateTimeOffset? ExpiresAt,
    string? Term,
    RevocationView? Revocation,
    long LedgerPosition,
    JsonObject Notice,
    JsonObject? Decision);

/// <summary>The decision document as issued, with the designation's status now.</summary>
public sealed record DecisionView(Guid DesignationId, DesignationStatus Status, DateTimeOffset AsOf, JsonObject Document);

/// <summary>
/// Reads a designation (<c>GET /api/v1/designations/{id}</c>) or its decision document (<c>…/decision</c>): staff of
/// any role, or the subject's own self-service token (another subject's token is <c>subject-scope</c>). Responsible
/// persons' ID numbers are masked for anyone but staff (docs/design.md#7-privacy-by-default). A staff read is an inquiry about the
/// subject and is logged before the answer (docs/domain.md#personal-information), as the subject may later ask who looked.
/// </summary>
public sealed class ReadDesignation(PublicCreditDbContext db, CreditCatalog catalog, InquiryLog inquiries, IDesignationReadScope scope, TimeProvider clock)
{
    public const string InquiryPurpose = "designation";

    public Task<DesignationView> RunAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        RunAsync(caller, id, purpose: null, note: null, cancellationToken);

    /// <summary>The designation for <paramref name="caller"/>, who may name a catalog purpose (and a note) to read what
    /// sharing gives it for that purpose.</summary>
    public async Task<DesignationView> RunAsync(Caller caller, Guid id, string? purpose, string? note, CancellationToken cancellationToken = default)
    {
        var row = await LoadAsync(caller, id, purpose, note, "GET /api/v1/designations/{id}", "designation", cancellationToken);
        var persons = await db.ResponsiblePersons.AsNoTracking().Where(p => p.DesignationId == id).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var statements = await db.DesignationStatements.AsNoTracking().Where(s => s.DesignationId == id).OrderBy(s => s.FiledAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return new DesignationView(
            row.Id,
            row.State.StatusAt(now),
            now,
            row.ListType,
            row.Department,
            new SubjectRef(row.SubjectId, row.SubjectName, row.SubjectKind.Code()),
            row.StatementFiled,
            row.ObjectionOpen,
            row.NoticeDocument,
            row.NoticedAt,
            row.ObjectionDeadline,
            row.Measures,
            row.BasisRecordIds,
            row.EntryFieldsJson is null ? null : (JsonObject)JsonNode.Parse(row.EntryFieldsJson)!,
            [.. persons.Select(p => new ResponsiblePersonView(caller.IsStaff ? p.ResidentId : Masked(p.ResidentId), p.Name, p.Role.Code()))],
            [.. statements.Select(s => new StatementView(s.Id, s.Statement, s.Evidence, s.FiledAt))],
            row.DecisionDocument,
            row.EffectiveFrom,
            row.ExpiresAt,
            row.Term,
            row.RevokedAt is { } revokedAt ? new RevocationView(revokedAt, row.RevocationReasons, row.RevocationDocument) : null,
            row.LedgerPosition,
            (JsonObject)JsonNode.Parse(row.NoticeJson)!,
            row.DecisionJson is null ? null : (JsonObject)JsonNode.Parse(row.DecisionJson)!);
    }

    public Task<DecisionView> DecisionAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        DecisionAsync(caller, id, purpose: null, note: null, cancellationToken);

    public async Task<DecisionView> DecisionAsync(Caller caller, Guid id, string? purpose, string? note, CancellationToken cancellationToken = default)
    {
        var row = await LoadAsync(caller, id, purpose, note, "GET /api/v1/designations/{id}/decision", "decision", cancellationToken);
        if (row.DecisionJson is null)
        {
            throw DomainException.NotFound(Codes.NotDecided,
                $"Designation {id} is {row.Status.Code()}; it has no decision document.");
        }

        var now = clock.GetUtcNow();
        return new DecisionView(row.Id, row.State.StatusAt(now), now, (JsonObject)JsonNode.Parse(row.DecisionJson)!);
    }

    private async Task<DesignationRow> LoadAsync(Caller caller, Guid id, string? purpose, string? note, string endpoint, string returned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsStaff && caller.SubjectId is null)
        {
            // Authenticate before looking: an anonymous caller learns nothing, not even whether the id exists.
            caller.RequireRole([.. Roles.All]);
        }

        // Without ?purpose= a staff read is logged as 'designation' and sees what is public and its department's own; a
        // named purpose must be one of the catalog's (ADR 0045) and adds what the list type shares for it.
        var why = caller.IsStaff && !string.IsNullOrWhiteSpace(purpose)
            ? Inquiries.InquiryPurpose.Require(caller, catalog, purpose, note)
            : new InquiryReason(InquiryPurpose);
        var row = await db.Designations.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
                  ?? throw DesignationTransitions.NotFound(id);
        caller.RequireSubjectOrRole(row.SubjectId, [.. Roles.All]);
        if (caller.IsStaff)
        {
            // Out of the caller's read scope is answered as if it did not exist, and not logged.
            if (!scope.Sees(caller, why.Purpose, row, clock.GetUtcNow()))
            {
                throw DesignationTransitions.NotFound(id);
            }

            await inquiries.RecordAsync(caller, row.SubjectId, why, endpoint, returned, cancellationToken);
        }

        return row;
    }

    /// <summary>Stored numbers are valid; any date serves as "today" for masking.</summary>
    private static string Masked(string residentId) =>
        ResidentId.TryParse(residentId, DateOnly.MaxValue, out var parsed) ? parsed.Masked : "******************";
}
