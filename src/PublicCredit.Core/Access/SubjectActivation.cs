using Microsoft.EntityFrameworkCore;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Time;

namespace PublicCredit.Access;

public sealed record IssuedActivationCode(Guid Id, ActivationCode Code, DateTimeOffset ExpiresAt);

public sealed record ActivatedSubject(Guid TokenId, string Token, string SubjectId, string SubjectMasked, SubjectKind Kind, DateTimeOffset ExpiresAt);

/// <summary>Stable codes of activation (ADR 0029).</summary>
[PublicCredit.Errors.ProblemCatalogue("access")]
public static class ActivationProblemCodes
{
    public const string Field = "code";
    [Problem(422, "An activation code is the 20 characters after PCA- in your notice (letters and digits; case, spaces and hyphens do not matter).")]
    public const string Malformed = "activation-code-malformed";
    [Problem(422, "No notice carries this activation code; check it against your notice.")]
    public const string Unknown = "activation-code-unknown";
    [Problem(409, "This activation code has already been redeemed.")]
    public const string Used = "activation-code-used";
    [Problem(409, "This activation code has expired.")]
    public const string Expired = "activation-code-expired";
    [Problem(429, "Too many wrong activation codes; try again later.")]
    public const string RateLimited = "activation-rate-limited";
}

/// <summary>
/// The one-time activation codes of designation notices (docs/design.md#the-department-never-holds-the-subjects-credential; ADR 0029). <see cref="IssueWithinAsync"/> adds
/// one inside the proposal's transaction; <see cref="RedeemAsync"/> is the subject redeeming it for its own
/// self-service token (origin <c>activation</c>): once, before it expires, as one transaction with two ledger
/// events — the code spent and the token issued. Every refusal is coded on the field <c>code</c>; the web host
/// limits failed attempts per address (<c>activation-rate-limited</c>).
/// </summary>
public sealed class SubjectActivation(PublicCreditDbContext db, AppendToLedger ledger, IssueSubjectToken tokens, TimeProvider clock)
{
    public const string IssuedEvent = ActivationCodeIssued.EventType;
    public const string RedeemedEvent = ActivationCodeRedeemed.EventType;

    /// <summary>A code lasts at least this long, so a notice delivered late by post can still be redeemed.</summary>
    public static readonly TimeSpan MinimumValidity = TimeSpan.FromDays(30);

    /// <summary>
    /// Adds a code for the subject of a notice, inside the caller's transaction, without saving. It expires at the end
    /// (24:00 China time) of the objection deadline — the statement period — but never sooner than
    /// <see cref="MinimumValidity"/> after the notice.
    /// </summary>
    public async Task<IssuedActivationCode> IssueWithinAsync(
        Caller caller, SubjectId subject, Guid designationId, DateOnly objectionDeadline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(subject);
        var now = LedgerChain.Truncate(clock.GetUtcNow());
        var windowEnds = ChinaTime.StartOf(objectionDeadline.AddDays(1));
        var expiresAt = windowEnds > now + MinimumValidity ? windowEnds : now + MinimumValidity;
        var code = ActivationCode.Generate();
        var row = new ActivationCodeRow
        {
            Id = Guid.CreateVersion7(now),
            CodeHash = code.Hash(),
            SubjectId = subject.Value,
            DesignationId = designationId,
            IssuedAt = now,
            ExpiresAt = expiresAt,
            IssuedBy = caller.Actor,
        };
        db.ActivationCodes.Add(row);
        await ledger.AppendAsync(LedgerEntry.Of(new ActivationCodeIssued(row.Id, designationId, expiresAt), caller.Actor, caller.Department, subject.Value),
            cancellationToken);
        return new IssuedActivationCode(row.Id, code, expiresAt);
    }

    public async Task<ActivatedSubject> RedeemAsync(string? codeText, CancellationToken cancellationToken = default)
    {
        if (!ActivationCode.TryParse(codeText, out var code))
        {
            throw DomainException.Invalid(ActivationProblemCodes.Field, ActivationProblemCodes.Malformed,
                "An activation code is the 20 characters after PCA- in your notice (letters and digits; case, spaces and hyphens do not matter).");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        var hash = code.Hash();
        var row = await db.ActivationCodes.SingleOrDefaultAsync(c => c.CodeHash == hash, cancellationToken)
            ?? throw DomainException.Invalid(ActivationProblemCodes.Field, ActivationProblemCodes.Unknown,
                "No notice carries this activation code; check it against your notice.");
        var now = LedgerChain.Truncate(clock.GetUtcNow());
        if (row.RedeemedAt is not null)
        {
            throw new DomainException(ErrorKind.Conflict, ActivationProblemCodes.Used,
                "This activation code has already been redeemed; it works once. If you did not redeem it, ask the operator for a token (pcredit subjects token) and report it.",
                [new FieldError(ActivationProblemCodes.Field, ActivationProblemCodes.Used, "This activation code has already been redeemed.")]);
        }

        if (row.ExpiresAt <= now)
        {
            throw new DomainException(ErrorKind.Conflict, ActivationProblemCodes.Expired,
                $"This activation code expired at {row.ExpiresAt:yyyy-MM-dd HH:mm} UTC; ask the operator for a token (pcredit subjects token).",
                [new FieldError(ActivationProblemCodes.Field, ActivationProblemCodes.Expired, "This activation code has expired.")]);
        }

        var subject = SubjectId.Parse(row.SubjectId, ChinaTime.DateOf(now));
        var actor = $"activation:{row.Id}";
        var token = await tokens.IssueWithinAsync(actor, subject, IssueSubjectToken.DefaultValidDays, SubjectTokenOrigin.Activation, row.Id, cancellationToken);
        row.RedeemedAt = now;
        row.TokenId = token.Id;
        await ledger.AppendAsync(LedgerEntry.Of(new ActivationCodeRedeemed(row.Id, row.DesignationId, token.Id), actor, null, subject.Value),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ActivatedSubject(token.Id, token.Token, subject.Value, subject.Masked, subject.Kind, token.ExpiresAt);
    }
}
