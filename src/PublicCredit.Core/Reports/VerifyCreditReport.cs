using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Storage;

namespace PublicCredit.Reports;

/// <summary>What a verified report contained, for the reader to compare with the paper in hand.</summary>
public sealed record VerifiedReport(
    string Code,
    string SubjectPublicId,
    SubjectKind SubjectKind,
    string SubjectName,
    string SubjectCode,
    DateTimeOffset GeneratedAt,
    long DataVersion,
    int Records,
    int Designations,
    string Language,
    string Sha256)
{
    /// <summary>True when <paramref name="pdf"/> is byte for byte the report that was issued under this code.</summary>
    public bool Matches(ReadOnlySpan<byte> pdf) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(pdf), Convert.FromHexString(Sha256));
}

/// <summary>The stable codes of report problems (docs/web.md).</summary>
[PublicCredit.Errors.ProblemCatalogue("reports")]
public static class ReportProblemCodes
{
    /// <summary>Malformed, or the signature does not match: altered or made up.</summary>
    [Problem(404, "This is not a verification code issued by this platform: it was mistyped or altered.")]
    public const string CodeInvalid = "report-code-invalid";

    /// <summary>Well signed but unknown here (a report of another installation with the same key, or a lost row).</summary>
    [Problem(404, "No report was issued under this code.")]
    public const string NotFound = "report-not-found";
    [Problem(429, "Too many report downloads from this address; retry after Retry-After.")]
    public const string RateLimited = "report-rate-limited";
    [Problem(503, "Reports are unavailable: the server has no CJK font to print them with.")]
    public const string FontMissing = "report-font-missing";
}

/// <summary>
/// <c>/verify/{code}</c> (docs/api.md; docs/web.md#credit-report): a code whose signature fails is refused before any database read; a
/// signed code answers with the stored digest — subject as printed, time, data version, SHA-256 — so a reader can
/// compare, or hand in the PDF itself to compare byte for byte (<see cref="VerifiedReport.Matches"/>).
/// </summary>
public sealed class VerifyCreditReport(PublicCreditDbContext db, ReportCodes codes)
{
    public async Task<VerifiedReport> RunAsync(string? code, CancellationToken cancellationToken = default)
    {
        if (!codes.TryVerify(code, out var canonical))
        {
            throw DomainException.NotFound(ReportProblemCodes.CodeInvalid,
                "This is not a verification code issued by this platform: it was mistyped or altered.");
        }

        var row = await db.IssuedReports.AsNoTracking().SingleOrDefaultAsync(r => r.Code == canonical, cancellationToken)
            ?? throw DomainException.NotFound(ReportProblemCodes.NotFound, "No report was issued under this code.");
        return new VerifiedReport(ReportCodes.Display(row.Code), row.SubjectPublicId, row.SubjectKind, row.SubjectName, row.SubjectCode,
            row.GeneratedAt, row.DataVersion, row.Records, row.Designations, row.Language, row.Sha256);
    }
}
