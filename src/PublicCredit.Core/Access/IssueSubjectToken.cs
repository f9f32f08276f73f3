using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Text;
using PublicCredit.Time;

namespace PublicCredit.Access;

public sealed record IssueSubjectTokenRequest(string? SubjectId, int? ValidDays = null);

/// <summary>The token is in <see cref="Token"/> exactly once: only its hash is stored.</summary>
public sealed record IssuedSubjectToken(Guid Id, string Token, string SubjectId, string SubjectMasked, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues a self-service token that lets one subject see and act on its own data only (docs/api.md#command-line,
/// `pcredit subjects token`). Only two ways lead to one (docs/design.md#the-department-never-holds-the-subjects-credential, ADR 0029): the operator on the server
/// (<see cref="RunAsync"/>, handed to the subject in person) and the subject's own redemption of the activation code
/// printed in its notice (<see cref="SubjectActivation.RedeemAsync"/>). No staff key obtains one, so no department ever holds
/// a credential that speaks for the subject. A ledger event records it with its origin and subject, never the token.
/// </summary>
public sealed class IssueSubjectToken(PublicCreditDbContext db, AppendToLedger ledger, TimeProvider clock)
{
    public const string EventType = SubjectTokenIssued.EventType;
    public const int DefaultValidDays = 90;
    public const int MaxValidDays = 366;

    public async Task<IssuedSubjectToken> RunAsync(Caller caller, IssueSubjectTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        caller.RequireRole(Role.Admin);
        if (caller != Caller.Operator)
        {
            throw DomainException.Forbidden(AccessProblemCodes.SubjectTokenOperatorOnly,
                "A self-service token is issued by the operator on the server (pcredit subjects token) or redeemed by the subject with its activation code; no staff key obtains one.");
        }

        var errors = new List<FieldError>();
        if (!SubjectId.TryParse(request.SubjectId, ChinaTime.Today(clock), out var subject, out var problem))
        {
            errors.Add(new FieldError("subject.id", IdentifierProblemCodes.SubjectIdInvalid, problem.ToString()));
        }

        var days = request.ValidDays ?? DefaultValidDays;
        if (days is < 1 or > MaxValidDays)
        {
            errors.Add(new FieldError("validDays", AccessProblemCodes.TokenValidityOutOfRange,
                $"A self-service token is valid for 1 to {MaxValidDays} days, not {days}."));
        }

        if (errors.Count > 0 || subject is null)
        {
            throw DomainException.Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var issued = await IssueWithinAsync(caller.Actor, subject, days, SubjectTokenOrigin.Operator, activationCodeId: null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return issued;
    }

    /// <summary>
    /// Adds a token and its ledger event inside the caller's transaction, without saving: an activation code is spent
    /// and its token issued together or not at all. The event names the origin (and the code it was redeemed with).
    /// </summary>
    internal async Task<IssuedSubjectToken> IssueWithinAsync(
        string actor, SubjectId subject, int validDays, SubjectTokenOrigin origin, Guid? activationCodeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentOutOfRangeException.ThrowIfLessThan(validDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(validDays, MaxValidDays);
        if (!origin.SubjectObtained())
        {
            throw new ArgumentOutOfRangeException(nameof(origin), origin, "Tokens are issued only to the subject itself.");
        }

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
            IssuedBy = actor,
            Origin = origin.Code(),
        };

        db.SubjectTokens.Add(row);
        var payload = new SubjectTokenIssued(row.Id, row.Lookup, row.ExpiresAt, row.Origin, activationCodeId);
        await ledger.AppendAsync(LedgerEntry.Of(payload, actor, null, subject.Value), cancellationToken);
        return new IssuedSubjectToken(row.Id, token.Value, subject.Value, subject.Masked, row.ExpiresAt);
    }
}
