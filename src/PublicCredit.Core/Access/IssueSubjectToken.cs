using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Time;

namespace PublicCredit.Access;

public sealed record IssueSubjectTokenRequest(string? SubjectId, int? ValidDays = null);

/// <summary>The token is in <see cref="Token"/> exactly once: only its hash is stored.</summary>
public sealed record IssuedSubjectToken(Guid Id, string Token, string SubjectId, string SubjectMasked, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues a self-service token that lets one subject see and act on its own data only (API.md `pcredit subjects
/// token`; issue "Subjects' rights" §1). Issued by the operator, or with a designation notice. A ledger event
/// records it, with the subject, never the token.
/// </summary>
public sealed class IssueSubjectToken(PublicCreditDbContext db, AppendToLedger ledger, TimeProvider clock)
{
    public const string EventType = "subject-token-issued";
    public const int DefaultValidDays = 90;
    public const int MaxValidDays = 366;

    public async Task<IssuedSubjectToken> RunAsync(Caller caller, IssueSubjectTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        caller.RequireRole(Role.Admin, Role.Recorder, Role.Reviewer);

        var errors = new List<FieldError>();
        if (!SubjectId.TryParse(request.SubjectId, ChinaTime.Today(clock), out var subject, out var problem))
        {
            errors.Add(new FieldError("subject.id", "subject-id-invalid", problem.ToString()));
        }

        var days = request.ValidDays ?? DefaultValidDays;
        if (days is < 1 or > MaxValidDays)
        {
            errors.Add(new FieldError("validDays", "token-validity-out-of-range",
                $"A self-service token is valid for 1 to {MaxValidDays} days, not {days}."));
        }

        if (errors.Count > 0 || subject is null)
        {
            throw DomainException.Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var issued = await IssueWithinAsync(caller, subject, days, designationId: null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return issued;
    }

    /// <summary>
    /// Adds a token and its ledger event inside the caller's transaction, without saving: a designation notice carries
    /// its token (issue 7 §1), and the two are committed together or not at all. The event names the designation.
    /// </summary>
    public async Task<IssuedSubjectToken> IssueWithinAsync(
        Caller caller, SubjectId subject, int validDays, Guid? designationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(subject);
        caller.RequireRole(Role.Admin, Role.Recorder, Role.Reviewer);
        ArgumentOutOfRangeException.ThrowIfLessThan(validDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(validDays, MaxValidDays);

        // Microseconds, as PostgreSQL keeps them: the instant in the ledger payload is the one stored.
        var now = LedgerChain.Truncate(clock.GetUtcNow());
        var token = AccessToken.Generate(TokenKind.Subject);
        var row = new SubjectTokenRow
        {
            Id = Guid.CreateVersion7(now),
            Lookup = token.Lookup,
            SecretHash = token.Hash(),
            SubjectId = subject.Value,
            IssuedAt = now,
            ExpiresAt = now.AddDays(validDays),
            IssuedBy = caller.Actor,
        };

        db.SubjectTokens.Add(row);
        object payload = designationId is { } designation
            ? new { tokenId = row.Id, lookup = row.Lookup, expiresAt = row.ExpiresAt, designationId = designation }
            : new { tokenId = row.Id, lookup = row.Lookup, expiresAt = row.ExpiresAt };
        await ledger.AppendAsync(new LedgerEntry(EventType, caller.Actor, caller.Department, subject.Value, payload), cancellationToken);
        return new IssuedSubjectToken(row.Id, token.Value, subject.Value, subject.Masked, row.ExpiresAt);
    }
}
